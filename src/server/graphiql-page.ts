import path from 'node:path';
import express from 'express';

/** An offline GraphiQL page: the bundles come from npm packages, never a CDN. */
export function graphiqlRouter(): express.Router {
  const router = express.Router();
  const pkgDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
  const files: Record<string, string> = {
    'react.js': path.join(pkgDir('react'), 'umd/react.production.min.js'),
    'react-dom.js': path.join(pkgDir('react-dom'), 'umd/react-dom.production.min.js'),
    'graphiql.js': path.join(pkgDir('graphiql'), 'dist/index.umd.js'),
    'graphiql.css': path.join(pkgDir('graphiql'), 'dist/style.css'),
  };
  router.get('/static/:file', (req, res) => {
    const file = files[req.params.file];
    if (!file) return res.status(404).end();
    res.setHeader('Cache-Control', 'public, max-age=3600');
    return res.sendFile(file);
  });
  router.get('/', (_req, res) => {
    res.type('html').send(PAGE);
  });
  return router;
}

const PAGE = `<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8" />
  <title>Schakel — GraphiQL</title>
  <link rel="stylesheet" href="/static/graphiql.css" />
  <style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/static/react.js"></script>
  <script src="/static/react-dom.js"></script>
  <script src="/static/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(React.createElement(GraphiQL, {
      fetcher,
      defaultHeaders: JSON.stringify({ Authorization: 'Bearer <paste the token of: npm run token -- wijkagent.zeist>' }, null, 2),
      defaultQuery: '# Get a token: npm run token -- wijkagent.zeist\\n# and put it in the Headers tab below.\\n{\\n  me { name function organisation { name sector } }\\n  cases(first: 10) { totalCount edges { node { reference title phase } } }\\n}\\n',
    }));
  </script>
</body>
</html>`;
