// Builds the Excel task pane into dist/: taskpane.html + its JS bundle, commands.html, hjalp.html,
// the icons, and manifest.xml with the production URL.
//
//   npm run build -- --env url=https://example.org/finsam   production build for that address
//   npm run dev-server                                      https://localhost:3000 with Office dev certificates
//
// The production URL can also be given as ADDIN_URL=https://… . Without one, dist/manifest.xml keeps
// https://localhost:3000 (fine for trying the build locally, not for deployment).
// office.js is never bundled: taskpane.html loads it from Microsoft's CDN.
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000';
const DEV_PORT = 3000;

/** The production URL (no trailing slash), checked to be https. */
function productionUrl(env) {
  const raw = (env && env.url) || process.env.ADDIN_URL || DEV_URL;
  const url = String(raw).replace(/\/+$/, '');
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--env url=${raw}: ingen giltig adress`);
  }
  if (parsed.protocol !== 'https:') throw new Error(`--env url=${raw}: Office kräver https`);
  return url;
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const serving = Boolean(env.WEBPACK_SERVE);
  const url = serving ? DEV_URL : productionUrl(env);
  if (!serving && mode === 'production' && url === DEV_URL) {
    // eslint-disable-next-line no-console
    console.warn(`dist/manifest.xml pekar på ${DEV_URL}. Ange produktionsadressen: npm run build -- --env url=https://…`);
  }

  const config = {
    mode,
    context: __dirname,
    entry: { taskpane: './src/taskpane/index.tsx' },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      // Chunks loaded on demand keep their name (webpackChunkName), e.g. pdf.1a2b3c4d.js for Förklara's PDF
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: {
            configFile: path.resolve(__dirname, 'tsconfig.json'),
            // Type checking is `npm run typecheck`; ES modules let webpack tree-shake Fluent UI.
            transpileOnly: true,
            compilerOptions: { module: 'esnext', moduleResolution: 'node', sourceMap: mode !== 'production' },
          },
        },
      ],
    },
    devtool: mode === 'production' ? false : 'source-map',
    performance: { hints: mode === 'production' ? 'warning' : false, maxAssetSize: 1_500_000, maxEntrypointSize: 1_500_000 },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/commands.html', to: 'commands.html' },
          { from: 'src/taskpane/commands.js', to: 'commands.js' },
          { from: 'src/taskpane/browser-check.js', to: 'browser-check.js' },
          { from: 'src/taskpane/hjalp.html', to: 'hjalp.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => content.toString('utf8').split(DEV_URL).join(url),
          },
        ],
      }),
    ],
  };

  if (serving) {
    // Only needed (and only loaded) for the dev server: trusted localhost certificates for Office.
    const devCerts = require('office-addin-dev-certs');
    config.devServer = {
      port: DEV_PORT,
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: await devCerts.getHttpsServerOptions() },
    };
  }
  return config;
};
