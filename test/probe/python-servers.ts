// Flask + Flask-CORS and Django + django-cors-headers servers for the probe's tests, started by the
// project's one launcher (test/servers/app.ts: Debian's /usr/bin/python3, a temporary directory, a
// free port on 127.0.0.1 in PORT, waited for, stopped and removed), with the CORS configuration the
// test gives in config.json.

import { startPythonApp } from '../servers/app.ts';

export interface PythonServer {
  /** `http://127.0.0.1:PORT/api` */
  url: string;
  close(): Promise<void>;
}

const FLASK = `import json, logging, os
from flask import Flask, jsonify
from flask_cors import CORS
app = Flask(__name__)
CORS(app, **json.load(open('config.json')))
@app.route('/api', methods=['GET', 'POST', 'PUT', 'DELETE'])
def api():
    return jsonify(secret='the user data')
# Werkzeug, Flask's own server (its Server header is how the fix for Flask is recognised).
from werkzeug.serving import make_server
logging.getLogger('werkzeug').setLevel(logging.ERROR)
make_server('127.0.0.1', int(os.environ['PORT']), app).serve_forever()
`;

const DJANGO = `import json, os
import corsheaders, django
from django.conf import settings
settings.configure(
    DEBUG=False, SECRET_KEY='probe-test', ALLOWED_HOSTS=['127.0.0.1'], ROOT_URLCONF=__name__,
    INSTALLED_APPS=['corsheaders'],
    MIDDLEWARE=['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware'],
    **json.load(open('config.json')))
django.setup()
from django.http import JsonResponse
from django.urls import path
def api(request):
    return JsonResponse({'secret': 'the user data'})
urlpatterns = [path('api', api)]
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
# wsgiref's server, as Django's \`manage.py runserver\` uses.
from wsgiref.simple_server import make_server, WSGIRequestHandler
class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass
make_server('127.0.0.1', int(os.environ['PORT']), application, handler_class=Quiet).serve_forever()
`;

const APPS = {
  flask: { source: FLASK, packages: 'python3-flask and python3-flask-cors' },
  django: { source: DJANGO, packages: 'python3-django and python3-django-cors-headers' },
} as const;

async function pythonServer(framework: keyof typeof APPS, config: Record<string, unknown>): Promise<PythonServer> {
  const { source, packages } = APPS[framework];
  const server = await startPythonApp(`probe-${framework}`, { 'app.py': source, 'config.json': JSON.stringify(config) }, packages);
  return { url: `${server.origin}/api`, close: () => server.stop() };
}

/** Flask with `CORS(app, **config)`. */
export function flaskServer(config: Record<string, unknown>): Promise<PythonServer> {
  return pythonServer('flask', config);
}

/** Django with django-cors-headers, `config` as settings (`CORS_ALLOW_ALL_ORIGINS`, ...). */
export function djangoServer(config: Record<string, unknown>): Promise<PythonServer> {
  return pythonServer('django', config);
}
