// Flask + Flask-CORS and Django + django-cors-headers servers for the probe's tests, run by Debian's
// /usr/bin/python3 (not a pyenv python3 earlier on PATH: Debian's has the packages) from a script
// written to a temporary directory, on 127.0.0.1 and a port the script picks and prints.

import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const PYTHON = '/usr/bin/python3';

export interface PythonServer {
  /** `http://127.0.0.1:PORT/api` */
  url: string;
  close(): Promise<void>;
}

/** wsgiref's server, as Django's `manage.py runserver` uses. */
const SERVE = `
from wsgiref.simple_server import make_server, WSGIRequestHandler
class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass
server = make_server('127.0.0.1', 0, application, handler_class=Quiet)
print(server.server_port, flush=True)
server.serve_forever()
`;

/** The imports, failing with `MISSING` (read by `pythonServer`) when a package is not installed. */
const importing = (...lines: string[]): string => `
import json, sys
try:
${lines.map((line) => `    ${line}`).join('\n')}
except ImportError as error:
    sys.exit('MISSING ' + str(error))
`;

const FLASK = `${importing('from flask import Flask, jsonify', 'from flask_cors import CORS')}
app = Flask(__name__)
CORS(app, **json.loads(sys.argv[1]))
@app.route('/api', methods=['GET', 'POST', 'PUT', 'DELETE'])
def api():
    return jsonify(secret='the user data')
# Werkzeug, Flask's own server (its Server header is how the fix for Flask is recognised).
import logging
from werkzeug.serving import make_server
logging.getLogger('werkzeug').setLevel(logging.ERROR)
server = make_server('127.0.0.1', 0, app)
print(server.port, flush=True)
server.serve_forever()
`;

const DJANGO = `${importing('import corsheaders, django', 'from django.conf import settings')}
settings.configure(
    DEBUG=False, SECRET_KEY='probe-test', ALLOWED_HOSTS=['127.0.0.1'], ROOT_URLCONF=__name__,
    INSTALLED_APPS=['corsheaders'],
    MIDDLEWARE=['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware'],
    **json.loads(sys.argv[1]))
django.setup()
from django.http import JsonResponse
from django.urls import path
def api(request):
    return JsonResponse({'secret': 'the user data'})
urlpatterns = [path('api', api)]
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
${SERVE}`;

/** The Debian packages each framework comes from, for the message when one is missing. */
const PACKAGES = { flask: 'python3-flask and python3-flask-cors', django: 'python3-django and python3-django-cors-headers' } as const;

async function pythonServer(framework: 'flask' | 'django', config: Record<string, unknown>): Promise<PythonServer> {
  try {
    accessSync(PYTHON, constants.X_OK);
  } catch {
    throw new Error(`${PYTHON} is missing: install the Debian package python3 (scripts/setup.sh does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), `cors-probe-${framework}-`));
  const script = join(dir, 'server.py');
  writeFileSync(script, framework === 'flask' ? FLASK : DJANGO);
  const child = spawn(PYTHON, [script, JSON.stringify(config)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const port = await new Promise<string | null>((resolve) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', () => resolve(null));
  });
  if (port === null || !/^\d+$/.test(port)) {
    await close();
    if (stderr.includes('MISSING')) throw new Error(`${framework} is not installed for ${PYTHON}: install the Debian packages ${PACKAGES[framework]} (scripts/setup.sh does)`);
    throw new Error(`the ${framework} server did not start: ${stderr.trim().split('\n').at(-1) ?? 'no message'}`);
  }
  return { url: `http://127.0.0.1:${port}/api`, close };
}

/** Flask with `CORS(app, **config)`. */
export function flaskServer(config: Record<string, unknown>): Promise<PythonServer> {
  return pythonServer('flask', config);
}

/** Django with django-cors-headers, `config` as settings (`CORS_ALLOW_ALL_ORIGINS`, ...). */
export function djangoServer(config: Record<string, unknown>): Promise<PythonServer> {
  return pythonServer('django', config);
}
