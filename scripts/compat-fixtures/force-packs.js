/**
 * Loaded (`node --require`) into each README/docs example app the compatibility job synthesises: before the app
 * synthesises, TokenGuardChecks and cdk-nag 3's AwsSolutions, NIST 800-53 R5, HIPAA and PCI DSS packs are registered,
 * except those the example registered itself, so every example passes through all five.
 */
const cdk = require('aws-cdk-lib');
const nag = require('cdk-nag');
const { TokenGuardChecks } = require('cdk-token-guard');

const registered = new WeakMap();
const addPlugins = cdk.Validations.prototype.addPlugins;
cdk.Validations.prototype.addPlugins = function (...plugins) {
  const root = this.scope.node.root;
  registered.set(root, [...(registered.get(root) ?? []), ...plugins.map((p) => p.name)]);
  return addPlugins.apply(this, plugins);
};

const synth = cdk.App.prototype.synth;
cdk.App.prototype.synth = function (...args) {
  if (!registered.has(this) || !registered.get(this).includes('force-packs')) {
    const have = new Set(registered.get(this) ?? []);
    const packs = [new TokenGuardChecks(this), new nag.AwsSolutionsChecks(this), new nag.NIST80053R5Checks(this), new nag.HIPAASecurityChecks(this), new nag.PCIDSS321Checks(this)];
    const missing = packs.filter((p) => !have.has(p.name));
    if (missing.length > 0) addPlugins.apply(cdk.Validations.of(this), missing);
    registered.set(this, [...have, ...missing.map((p) => p.name), 'force-packs']);
    console.error(`force-packs: ${packs.map((p) => p.name).join(', ')} (added ${missing.map((p) => p.name).join(', ') || 'none'})`);
  }
  return synth.apply(this, args);
};
