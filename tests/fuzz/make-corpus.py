#!/usr/bin/env python3
# Writes the seed corpora of tests/fuzz/corpus/ (run by hand when the API
# changes; the files are committed):
#   python3 tests/fuzz/make-corpus.py --service _build/src/service/timecard-service
#
# - fuzz-json: real answers of timecard-service (started with --seed on a
#   temporary database, on loopback) and the examples of the official
#   Clockify OpenAPI export (../shared/reference/clockify-openapi.yaml),
#   each prefixed with the byte that makes fuzz-json.c pick its decoder;
# - fuzz-service: raw HTTP requests for every route, with fuzz-service.c's
#   placeholders for ids and keys; each is also sent to the real service
#   (placeholders filled in) and must get an answer below 500;
# - fuzz-outbox: rows "field \0 base \0 value" for every setting, values
#   taken from the real service's settings;
# - fuzz-image: the smallest headers of each image type the upload takes.
import argparse
import hashlib
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DECODERS = ['user', 'settings', 'workspace', 'member', 'member-profile', 'custom-field',
            'api-key', 'webhook', 'webhook-log', 'error']

parser = argparse.ArgumentParser()
parser.add_argument('--service', required=True, help='the timecard-service program')
parser.add_argument('--openapi', default=os.path.join(HERE, '..', '..', '..', 'shared',
                                                      'reference', 'clockify-openapi.yaml'))
args = parser.parse_args()

written = {}
# The service's ids are random: start each corpus afresh.
for target in ('fuzz-json', 'fuzz-service', 'fuzz-outbox', 'fuzz-image'):
    shutil.rmtree(os.path.join(HERE, 'corpus', target), ignore_errors=True)


def save(target, data, hint=''):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(HERE, 'corpus', target)
    os.makedirs(folder, exist_ok=True)
    name = (hint + '-' if hint else '') + hashlib.sha1(data).hexdigest()[:12]
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)
    written[target] = written.get(target, 0) + 1


def save_json(decoder, value, source):
    text = json.dumps(value, ensure_ascii=False, separators=(',', ':'))
    save('fuzz-json', bytes([DECODERS.index(decoder)]) + text.encode(), f'{source}-{decoder}')


# ---- OpenAPI examples -------------------------------------------------------

spec = yaml.safe_load(open(args.openapi))


def resolve(schema):
    while isinstance(schema, dict) and '$ref' in schema:
        ref = schema['$ref'].split('/')[-1]
        schema = spec['components']['schemas'][ref]
    return schema


def example(schema, depth=0):
    schema = resolve(schema)
    if not isinstance(schema, dict) or depth > 6:
        return None
    if 'example' in schema and schema.get('type') not in ('object', 'array'):
        return schema['example']
    for key in ('allOf', 'oneOf', 'anyOf'):
        if key in schema:
            merged = {}
            for part in schema[key]:
                value = example(part, depth + 1)
                if isinstance(value, dict):
                    merged.update(value)
                elif value is not None and not merged:
                    return value
            return merged
    kind = schema.get('type')
    if kind == 'array':
        item = example(schema.get('items', {}), depth + 1)
        return [item] if item is not None else []
    if kind == 'object' or 'properties' in schema:
        return {name: example(prop, depth + 1)
                for name, prop in schema.get('properties', {}).items()}
    if 'enum' in schema:
        return schema['enum'][0]
    return {'string': 'string', 'integer': 0, 'number': 0.5, 'boolean': False}.get(kind)


def response_example(path, method):
    op = spec['paths'][path][method]
    for status in ('200', '201'):
        content = op.get('responses', {}).get(status, {}).get('content', {})
        for media in content.values():
            if 'schema' in media:
                return example(media['schema'])
    return None


openapi_answers = [
    ('user', '/v1/user', 'get'),
    ('settings', '/v1/user', 'get'),          # its "settings" member
    ('workspace', '/v1/workspaces', 'get'),
    ('member', '/v1/workspaces/{workspaceId}/users', 'get'),
    ('member-profile', '/v1/workspaces/{workspaceId}/member-profile/{userId}', 'get'),
    ('custom-field', '/v1/workspaces/{workspaceId}/custom-fields', 'get'),
    ('webhook', '/v1/workspaces/{workspaceId}/webhooks', 'get'),
    ('webhook', '/v1/workspaces/{workspaceId}/webhooks/{webhookId}', 'get'),
    ('webhook-log', '/v1/workspaces/{workspaceId}/webhooks/{webhookId}/logs', 'post'),
]
for decoder, path, method in openapi_answers:
    value = response_example(path, method)
    if value is None:
        sys.exit(f'No example answer for {method.upper()} {path}')
    if decoder == 'settings':
        value = value.get('settings') or {}
    save_json(decoder, value, 'openapi')
    if isinstance(value, list) and value:
        save_json(decoder, value[0], 'openapi')
save_json('error', {'message': 'Workspace not found', 'code': 501}, 'openapi')

# ---- the real service -------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


tmp = tempfile.mkdtemp(prefix='tc-make-corpus-')
port = free_port()
proc = subprocess.Popen([args.service, '--db', os.path.join(tmp, 'db.sqlite'), '--seed', '20',
                         '--port', str(port), '--rate-limit', '0'],
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                        env=dict(os.environ, ASAN_OPTIONS='detect_leaks=0'))
key = None
try:
    for line in proc.stdout:
        if 'Owner API key' in line:
            key = line.rsplit(':', 1)[1].strip()
            break
    if not key:
        sys.exit('timecard-service printed no key')
    base = f'http://127.0.0.1:{port}/api'

    def call(method, path, body=None, api_key=key, raw=None, headers=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(base + path, data=data, method=method)
        if api_key:
            req.add_header('X-Api-Key', api_key)
        if data is not None and raw is None:
            req.add_header('Content-Type', 'application/json')
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    status, body = call('GET', '/v1/user')
    user = json.loads(body)
    ids = {'@KEY@': key, '@USER@': user['id'], '@WS@': user['activeWorkspace']}
    workspaces = json.loads(call('GET', '/v1/workspaces')[1])
    ids['@WS2@'] = next(w['id'] for w in workspaces if w['id'] != ids['@WS@'])
    members = json.loads(call('GET', f'/v1/workspaces/{ids["@WS@"]}/users?page-size=50')[1])
    ids['@MEMBER@'] = next(m['id'] for m in members if m['id'] != user['id'])
    fields = json.loads(call('GET', f'/v1/workspaces/{ids["@WS@"]}/custom-fields')[1])
    ids['@FIELD@'] = fields[0]['id']
    hooks = json.loads(call('GET', f'/v1/workspaces/{ids["@WS@"]}/webhooks')[1])
    ids['@HOOK@'] = hooks['webhooks'][0]['id']
    ids['@MKEY@'] = 'no-member-key-in-this-run'
    ids['@KEYID@'] = json.loads(call('GET', '/v1/user/api-keys')[1])[0]['id']

    def fill(text):
        for name, value in ids.items():
            text = text.replace(name, value)
        return text

    ws, member, hook = ids['@WS@'], ids['@MEMBER@'], ids['@HOOK@']
    save_json('user', user, 'service')
    save_json('settings', user['settings'], 'service')
    save_json('workspace', workspaces, 'service')
    save_json('workspace', workspaces[0], 'service')
    save_json('member', members, 'service')
    save_json('member', members[0], 'service')
    for m in members[:3]:
        profile = json.loads(call('GET', f'/v1/workspaces/{ws}/member-profile/{m["id"]}')[1])
        save_json('member-profile', profile, 'service')
    save_json('custom-field', fields, 'service')
    save_json('custom-field', fields[0], 'service')
    save_json('webhook', hooks, 'service')
    save_json('webhook', hooks['webhooks'][0], 'service')
    logs = json.loads(call('POST', f'/v1/workspaces/{ws}/webhooks/{hook}/logs', {})[1])
    save_json('webhook-log', logs, 'service')
    save_json('webhook-log', [{'id': 'a' * 24, 'webhookId': hook, 'respondedAt':
                               '2026-01-01T10:00:00Z', 'responseBody': '{"ok":true}',
                               'statusCode': 200, 'requestBody': '{}'}], 'service')
    status, created = call('POST', '/v1/user/api-keys', {'name': 'Fuzz seed'})
    save_json('api-key', json.loads(created), 'service')
    save_json('api-key', json.loads(call('GET', '/v1/user/api-keys')[1]), 'service')
    for method, path, body in [('GET', f'/v1/workspaces/{"f" * 24}/users', None),
                               ('PATCH', '/v1/user', {'name': ''}),
                               ('GET', '/v1/nothing', None),
                               ('GET', '/v1/user', None)]:
        status, answer = call(method, path, body, api_key=None if path == '/v1/user'
                              and method == 'GET' else key)
        assert status >= 400, (method, path, status)
        save('fuzz-json', bytes([DECODERS.index('error'), status % 200]) + answer, 'service-error')

    # Outbox rows: every setting, the base and value as the session stores them.
    for name, value in user['settings'].items():
        text = json.dumps(value, separators=(',', ':'))
        save('fuzz-outbox', f'{name}\0{text}\0{text}', 'service')
    save('fuzz-outbox', 'weekStart\0\0"SUNDAY"', 'absent-base')
    save('fuzz-outbox', 'timeZone\0null\0null', 'null')

    # Raw requests, one connection each.
    png = (b'\x89PNG\r\n\x1a\n' + struct.pack('>I', 13) + b'IHDR' +
           struct.pack('>IIBBBBB', 16, 16, 8, 6, 0, 0, 0) + b'\0\0\0\0' +
           struct.pack('>I', 0) + b'IEND\xaeB`\x82')

    def request(method, path, body=None, api_key='@KEY@', content_type='application/json',
                extra=''):
        head = f'{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n'
        if api_key:
            head += f'X-Api-Key: {api_key}\r\n'
        data = b''
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            # The length once fuzz-service has put the 24-character ids and
            # its port (an ephemeral one, 5 digits) in.
            length = len(re.sub(rb'@(WS2?|USER|MEMBER|HOOK|FIELD|IMAGE|KEYID)@', b'x' * 24,
                                data).replace(b'127.0.0.1:8080', b'127.0.0.1:50000'))
            head += f'Content-Type: {content_type}\r\nContent-Length: {length}\r\n'
        return (head + extra + '\r\n').encode() + data

    boundary = 'tcfuzzboundary'
    multipart = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="me.png"\r\nContent-Type: image/png\r\n\r\n').encode() + png + \
                f'\r\n--{boundary}--\r\n'.encode()
    settings_patch = {'timeZone': 'Europe/Berlin', 'weekStart': 'SUNDAY',
                      'summaryReportSettings': {'group': 'USER', 'subgroup': 'TIME'}}
    hook_body = {'name': 'Fuzz', 'url': 'https://hooks.example.com/timecard',
                 'webhookEvent': 'USER_UPDATED', 'triggerSourceType': 'USER_ID',
                 'triggerSource': ['@MEMBER@']}
    requests = [
        ('user', request('GET', '/api/v1/user')),
        ('user-member', request('GET', '/api/v1/user', api_key='@MKEY@')),
        ('user-nokey', request('GET', '/api/v1/user', api_key=None)),
        ('user-patch', request('PATCH', '/api/v1/user', {'name': 'Ada Lovelace',
                                                        'email': 'ada@demo.example'})),
        ('user-picture', request('PATCH', '/api/v1/user', {
            'profilePicture': 'http://127.0.0.1:8080/api/files/images/@IMAGE@'})),
        ('user-nopicture', request('PATCH', '/api/v1/user', {'profilePicture': None})),
        ('settings', request('PATCH', '/api/v1/user/settings', settings_patch)),
        ('confirm', request('POST', '/api/v1/user/email/confirm', {'token': 'x' * 32})),
        ('upload', request('POST', '/api/v1/file/image', multipart,
                           content_type=f'multipart/form-data; boundary={boundary}')),
        ('image', request('GET', '/api/files/images/@IMAGE@', api_key=None)),
        ('image-head', request('HEAD', '/api/files/images/@IMAGE@', api_key=None)),
        ('keys', request('GET', '/api/v1/user/api-keys')),
        ('keys-create', request('POST', '/api/v1/user/api-keys', {'name': 'CI'})),
        ('keys-rename', request('PATCH', '/api/v1/user/api-keys/@KEYID@', {'name': 'x'})),
        ('keys-delete', request('DELETE', '/api/v1/user/api-keys/@KEYID@')),
        ('workspaces', request('GET', '/api/v1/workspaces')),
        ('active', request('PUT', '/api/v1/user/active-workspace', {'workspaceId': '@WS2@'})),
        ('leave', request('POST', '/api/v1/workspaces/@WS2@/leave', api_key='@MKEY@')),
        ('users', request('GET', '/api/v1/workspaces/@WS@/users?page=1&page-size=5'
                          '&sort-column=NAME&sort-order=DESCENDING&status=ACTIVE&name=a')),
        ('users-member', request('GET', '/api/v1/workspaces/@WS@/users', api_key='@MKEY@')),
        ('user-status', request('PUT', '/api/v1/workspaces/@WS@/users/@MEMBER@',
                                {'status': 'INACTIVE'})),
        ('profile', request('GET', '/api/v1/workspaces/@WS@/member-profile/@MEMBER@')),
        ('profile-patch', request('PATCH', '/api/v1/workspaces/@WS@/member-profile/@MEMBER@', {
            'weekStart': 'MONDAY', 'workingDays': ['MONDAY', 'TUESDAY'],
            'workCapacity': 'PT7H30M', 'employeeId': 'E1',
            'userCustomFields': [{'customFieldId': '@FIELD@', 'value': 'Engineering'}]})),
        ('fields', request('GET', '/api/v1/workspaces/@WS@/custom-fields?entity-type=USER')),
        ('field-create', request('POST', '/api/v1/workspaces/@WS@/custom-fields', {
            'name': 'Desk', 'type': 'DROPDOWN_SINGLE', 'allowedValues': ['A', 'B'],
            'entityType': 'USER', 'status': 'VISIBLE'})),
        ('field-edit', request('PUT', '/api/v1/workspaces/@WS@/custom-fields/@FIELD@',
                               {'name': 'Team', 'type': 'DROPDOWN_SINGLE', 'required': True,
                                'allowedValues': ['Engineering', 'Sales']})),
        ('field-delete', request('DELETE', '/api/v1/workspaces/@WS@/custom-fields/@FIELD@')),
        ('field-value', request('PUT', '/api/v1/workspaces/@WS@/users/@MEMBER@/custom-field/'
                                '@FIELD@/value', {'value': 'Sales'})),
        ('hooks', request('GET', '/api/v1/workspaces/@WS@/webhooks')),
        ('hook', request('GET', '/api/v1/workspaces/@WS@/webhooks/@HOOK@')),
        ('hook-create', request('POST', '/api/v1/workspaces/@WS@/webhooks', hook_body)),
        ('hook-update', request('PUT', '/api/v1/workspaces/@WS@/webhooks/@HOOK@', hook_body)),
        ('hook-delete', request('DELETE', '/api/v1/workspaces/@WS@/webhooks/@HOOK@')),
        ('hook-token', request('PATCH', '/api/v1/workspaces/@WS@/webhooks/@HOOK@/token')),
        ('hook-logs', request('POST', '/api/v1/workspaces/@WS@/webhooks/@HOOK@/logs',
                              {'page': 1, 'pageSize': 10, 'status': 'ALL'})),
        ('chunked', b'PATCH /api/v1/user HTTP/1.1\r\nHost: x\r\nX-Api-Key: @KEY@\r\n'
                    b'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'
                    b'c\r\n{"name":"Al"\r\n1\r\n}\r\n0\r\n\r\n'),
        ('two', request('GET', '/api/v1/user') + request('GET', '/api/v1/workspaces')),
        ('toolarge', request('PATCH', '/api/v1/user', extra='Content-Length: 99999999\r\n')),
        ('method', request('BREW', '/api/v1/user')),
        ('nested', request('PATCH', '/api/v1/user', b'{"name":' + b'[' * 64 + b']' * 64 + b'}')),
    ]
    # A picture of the owner's for @IMAGE@; image urls name port 8080.
    status, uploaded = call('POST', '/v1/file/image', raw=multipart,
                            headers={'Content-Type': f'multipart/form-data; boundary={boundary}'})
    assert status == 200, uploaded
    ids['@IMAGE@'] = json.loads(uploaded)['url'].rsplit('/', 1)[1]
    ids['127.0.0.1:8080'] = f'127.0.0.1:{port}'
    for name, raw in requests:
        text = raw.decode('latin-1')
        with socket.create_connection(('127.0.0.1', port), timeout=10) as s:
            s.sendall(fill(text).encode('latin-1'))
            s.shutdown(socket.SHUT_WR)
            answer = b''
            # The service may keep the connection open after its answers.
            try:
                while chunk := s.recv(65536):
                    answer += chunk
                    s.settimeout(0.5)
            except TimeoutError:
                if not answer:
                    raise
        status_line = answer.split(b'\r\n', 1)[0].decode('latin-1')
        code = int(status_line.split()[1]) if status_line.startswith('HTTP/') else 0
        # An announced body too big for the service may be refused by closing.
        if not 100 <= code < 500 and name != 'toolarge':
            sys.exit(f'{name}: the real service answered {status_line!r}')
        save('fuzz-service', raw, name)
finally:
    proc.terminate()
    proc.wait(timeout=10)
    shutil.rmtree(tmp, ignore_errors=True)

# ---- image headers ----------------------------------------------------------

save('fuzz-image', png, 'png')
jpeg = (b'\xff\xd8' + b'\xff\xe0' + struct.pack('>H', 16) + b'JFIF\0\x01\x01\0\0\x01\0\x01\0\0' +
        b'\xff\xc0' + struct.pack('>HBHHB', 11, 8, 16, 16, 1) + b'\x01\x11\0' + b'\xff\xd9')
save('fuzz-image', jpeg, 'jpeg')
vp8 = b'VP8 ' + struct.pack('<I', 18) + b'\0\0\0' + b'\x9d\x01\x2a' + struct.pack('<HH', 16, 16) + b'\0' * 8
save('fuzz-image', b'RIFF' + struct.pack('<I', 4 + len(vp8)) + b'WEBP' + vp8, 'webp-vp8')
vp8l = b'VP8L' + struct.pack('<I', 5) + b'\x2f' + struct.pack('<I', 15 | (15 << 14)) + b'\0' * 14
save('fuzz-image', b'RIFF' + struct.pack('<I', 4 + len(vp8l)) + b'WEBP' + vp8l, 'webp-vp8l')
vp8x = b'VP8X' + struct.pack('<I', 10) + b'\0' * 4 + b'\x0f\0\0\x0f\0\0' + b'\0' * 8
save('fuzz-image', b'RIFF' + struct.pack('<I', 4 + len(vp8x)) + b'WEBP' + vp8x, 'webp-vp8x')

for target, n in sorted(written.items()):
    print(f'{target}: {n} seeds')
