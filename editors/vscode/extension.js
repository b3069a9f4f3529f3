// Minimal VS Code client for `caselint server` (see docs/editors.md).
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("caselint");
  const [command, ...args] = config.get("command", ["caselint", "server"]);
  const languages = config.get("languages", ["plaintext", "markdown"]);
  const serverOptions = { command, args, transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: languages.map((language) => ({ language })),
    synchronize: {
      // caselint re-reads .caselint.toml / caselint.toml / pyproject.toml and lexicons when they change.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.toml"),
    },
  };
  client = new LanguageClient("caselint", "caselint", serverOptions, clientOptions);
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
