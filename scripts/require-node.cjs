// Runs first in every root npm script, on whatever `node` npm found: often an old one, so this
// file keeps to syntax and APIs every Node since 10 has (no `?.`, no `??`, CommonJS).
//
// `npm ci` installs Node 24 as a package (`node-<os>-<arch>` in optionalDependencies) and npm
// scripts put node_modules/.bin first on PATH, so scripts, turbo, tsx and vitest all run on it. On a
// platform that has no such package, or when optional packages were skipped, the system `node`
// runs them instead: say so plainly before anything else fails in a less helpful way.
'use strict';

var path = require('path');
var fs = require('fs');

var root = path.resolve(__dirname, '..');
var required = require(path.join(root, 'package.json')).engines.node; // ">=24.7.0"
var minimum = /(\d+)\.(\d+)\.(\d+)/.exec(required).slice(1).map(Number);
var current = process.versions.node.split('.').map(Number);

function atLeast(version, floor) {
  for (var i = 0; i < 3; i++) {
    if (version[i] !== floor[i]) return version[i] > floor[i];
  }
  return true;
}

if (!atLeast(current, minimum)) {
  var platform = process.platform + '-' + process.arch;
  var pinned = require(path.join(root, 'package.json')).optionalDependencies || {};
  var ours = Object.keys(pinned).filter(function (name) { return /^node-/.test(name); });
  var packageName = 'node-' + (process.platform === 'win32' ? 'win' : process.platform) + '-' + process.arch;
  var installed = fs.existsSync(path.join(root, 'node_modules', packageName, 'package.json'));
  var why = ours.indexOf(packageName) === -1
    ? 'npm ci brings Node 24 only for ' + ours.map(function (n) { return n.replace(/^node-/, ''); }).join(', ') + '; there is none for ' + platform + '.'
    : installed
      ? 'npm ci installed ' + packageName + ', but npm did not run it (is node_modules/.bin on PATH? run the command through npm).'
      : packageName + ' is not installed: run `npm ci` again (without --omit=optional or --no-optional).';
  process.stderr.write(
    '\nOmnitron needs Node.js ' + required.replace(/^>=/, '') + ' or newer (Node 24, see .nvmrc); `node` here is v' +
      process.versions.node + ' (' + process.execPath + ').\n' +
      why + '\n' +
      'Install Node 24 (for example `nvm install 24`, or from https://nodejs.org/en/download), put it first on PATH, then run `npm ci` and this command again.\n\n',
  );
  process.exit(1);
}
