const http = require('http');
http.createServer((req, res) => res.end('hello from the workshop app')).listen(process.env.PORT || 8080);
