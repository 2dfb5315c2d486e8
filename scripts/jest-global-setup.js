/** jest's global setup: the constructs deploy pre-built handler bundles, so build them from the current sources first. */
module.exports = () => {
  require('./bundle-handlers').bundleHandlers();
};
