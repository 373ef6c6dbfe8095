// Starts GraphiQL on the gateway's own /graphql: queries and mutations over HTTP, subscriptions
// over a graphql-transport-ws WebSocket on the same URL. The headers editor's headers go with
// every HTTP request and, as the connection's `headers` payload, with the WebSocket's
// connection_init (the gateway reads the operator token there), so one WebSocket client is kept
// per set of headers. Loaded as a file, never inline, so the page's CSP needs no exception.
(function () {
  'use strict';

  var httpUrl = new URL('/graphql', window.location.href).href;
  var wsUrl = httpUrl.replace(/^http/, 'ws');
  var fetchers = {};

  function fetcherFor(headers) {
    var key = JSON.stringify(headers || {});
    if (!fetchers[key]) {
      var wsClient = window.graphqlWs.createClient({
        url: wsUrl,
        lazy: true,
        connectionParams: { headers: headers || {} }
      });
      fetchers[key] = window.GraphiQL.createFetcher({ url: httpUrl, wsClient: wsClient });
    }
    return fetchers[key];
  }

  function fetcher(params, options) {
    return fetcherFor(options && options.headers)(params, options);
  }

  var root = window.ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    window.React.createElement(window.GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultQuery:
        '# Queries and mutations go to /graphql; subscriptions use a WebSocket on the same URL.\n' +
        '# For operator-only fields and mutations, add {"Authorization": "Bearer <token>"} in Headers.\n\n' +
        '{\n  liveContents(first: 5) {\n    edges {\n      node {\n        id\n        title\n        state\n        provider\n      }\n    }\n  }\n}\n'
    })
  );
})();
