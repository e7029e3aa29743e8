// Swagger UI over the hub's own OpenAPI document. Calls go to this origin with the login form's session, so writes
// carry the CSRF token from the XSRF-TOKEN cookie as the dashboard's do; "Authorize" with Basic works as well.
/* global SwaggerUIBundle */
function cookie(name) {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
}

window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    // no badge from the public validator service: nothing on this page leaves the hub
    validatorUrl: null,
    requestInterceptor: (request) => {
      const token = cookie('XSRF-TOKEN');
      if (token && request.method && request.method.toUpperCase() !== 'GET') {
        request.headers['X-XSRF-TOKEN'] = token;
      }
      return request;
    },
  });
});
