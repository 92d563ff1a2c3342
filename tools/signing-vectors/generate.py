#!/usr/bin/env python3
"""Produce request-signing test vectors by running the vendors' official Python SDKs.

The SDK calls go to a capture HTTP server on 127.0.0.1 with a fixed clock and fixed
nonces, so the output is deterministic.  The canonical request and string to sign
are taken from the SDKs' own signer functions, which are wrapped but not
re-implemented.  The fixtures are written to runtime/tests/vectors/.

    python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/python generate.py

Nothing leaves the machine: a guard in urllib3's connection factory refuses every
connection except the fixed endpoint 127.0.0.1:18765, which it routes to the
capture server's real (random, free) port.  The SDKs use the fixed endpoint
string, so Host headers and signatures do not depend on the port picked.
"""

import atexit
import copy
import datetime as _datetime_mod
import hmac as _hmac_mod
import importlib.metadata
import inspect
import json
import os
import platform
import shutil
import socketserver
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "runtime", "tests", "vectors"))

FIXED_HOST = "127.0.0.1"
FIXED_PORT = 18765
FIXED_NETLOC = "%s:%d" % (FIXED_HOST, FIXED_PORT)
FIXED_UTC = _datetime_mod.datetime(2026, 11, 23, 12, 0, 0)  # 2026-11-23T12:00:00Z
USER_AGENT_SUFFIX = "signing-vectors/1.0"

# Environment settings, made before the SDKs are imported:
# * no proxies, and no user agent or credentials from the environment;
# * a throw-away HOME, because importing huaweicloudsdkcore writes
#   ~/.huaweicloud/application_id (a random UUID used in its default user agent).
for _var in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy",
             "ALIBABA_CLOUD_USER_AGENT", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
             "ALIBABA_CLOUD_SECURITY_TOKEN", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK",
             "HUAWEICLOUD_SDK_PROJECT_ID", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "DEBUG"):
    os.environ.pop(_var, None)
os.environ["NO_PROXY"] = "*"
_TMP_HOME = tempfile.mkdtemp(prefix="signing-vectors-home-")
os.environ["HOME"] = _TMP_HOME
atexit.register(shutil.rmtree, _TMP_HOME, True)

import urllib3.util.connection as _u3conn  # noqa: E402


# --------------------------------------------------------------------------------------
# Capture server
# --------------------------------------------------------------------------------------

def _dec(b):
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("latin-1")


class _CaptureHandler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline(1 << 20)
        if not line:
            return
        method, target, _version = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
        headers = []
        while True:
            h = self.rfile.readline(1 << 20)
            if h in (b"\r\n", b"\n", b""):
                break
            name, _, value = h.rstrip(b"\r\n").partition(b":")
            headers.append([_dec(name), _dec(value.strip(b" \t"))])
        lower = {k.lower(): v for k, v in headers}
        body = None
        if "content-length" in lower:
            body = self.rfile.read(int(lower["content-length"]))
        elif lower.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                body += self.rfile.read(size)
                self.rfile.readline()
        self.server.captured.append({"method": method, "target": target, "headers": headers, "body": body})
        status, payload = self.server.responder(method, target)
        if payload is None:  # e.g. 204 No Content: no body, no Content-Type
            self.wfile.write(("HTTP/1.1 %d %s\r\nX-Request-Id: 00000000000000000000000000000000\r\n"
                              "Connection: close\r\n\r\n" % (status, {204: "No Content"}.get(status, "OK")))
                             .encode("ascii"))
            self.wfile.flush()
            return
        data = json.dumps(payload).encode("utf-8")
        reason = {200: "OK", 202: "Accepted"}.get(status, "OK")
        self.wfile.write(("HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                          "X-Request-Id: 00000000000000000000000000000000\r\nConnection: close\r\n\r\n"
                          % (status, reason, len(data))).encode("ascii") + data)
        self.wfile.flush()


class CaptureServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__((FIXED_HOST, 0), _CaptureHandler)
        self.captured = []
        self.responder = lambda method, target: (200, {})

    @property
    def port(self):
        return self.server_address[1]

    def take_one(self):
        if len(self.captured) != 1:
            raise RuntimeError("expected exactly one captured request, got %d" % len(self.captured))
        return self.captured.pop()


SERVER = CaptureServer()
_orig_create_connection = _u3conn.create_connection


def _guarded_create_connection(address, *args, **kwargs):
    host, port = address[0], address[1]
    if (host, int(port)) != (FIXED_HOST, FIXED_PORT):
        raise ConnectionRefusedError("signing-vectors: refusing to connect to %r (only %s is allowed)"
                                     % (address, FIXED_NETLOC))
    return _orig_create_connection((FIXED_HOST, SERVER.port), *args, **kwargs)


_u3conn.create_connection = _guarded_create_connection


def split_wire_headers(captured_headers, sdk_header_names):
    """Headers the SDK put in its request vs. those the HTTP stack added."""
    names = {n.lower() for n in sdk_header_names}
    wire, transport = [], []
    for name, value in captured_headers:
        (wire if name.lower() in names else transport).append([name, value])
    return wire, transport


def wire_body(cap):
    return None if cap["body"] is None else cap["body"].decode("utf-8")


def jsonable(v):
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, bytes):
        return v.decode("utf-8")
    return v


class _FixedDateTime(_datetime_mod.datetime):
    """datetime whose clock is stopped at FIXED_UTC (naive UTC, as the SDKs expect)."""

    @classmethod
    def utcnow(cls):
        return cls(FIXED_UTC.year, FIXED_UTC.month, FIXED_UTC.day, FIXED_UTC.hour, FIXED_UTC.minute,
                   FIXED_UTC.second)

    @classmethod
    def now(cls, tz=None):
        t = cls.utcnow()
        if tz is None:
            return t
        return t.replace(tzinfo=_datetime_mod.timezone.utc).astimezone(tz)


def versions(*pkgs):
    return {p: importlib.metadata.version(p) for p in pkgs}


def fixture_text(doc):
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_fixture(filename, doc, out_dir=OUT_DIR):
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, filename)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(fixture_text(doc))
    return path


# --------------------------------------------------------------------------------------
# Huawei Cloud (huaweicloudsdkcore SDK-HMAC-SHA256)
# --------------------------------------------------------------------------------------

from huaweicloudsdkcore.auth.credentials import BasicCredentials  # noqa: E402
from huaweicloudsdkcore.client import Client as HwClient  # noqa: E402
from huaweicloudsdkcore.http.http_config import HttpConfig  # noqa: E402
from huaweicloudsdkcore.signer import signer as hw_signer_mod  # noqa: E402
from huaweicloudsdkcore.utils import http_utils as hw_http_utils  # noqa: E402

hw_signer_mod.datetime = _FixedDateTime  # X-Sdk-Date = 20261123T120000Z
HW_SDK_DATE = "20261123T120000Z"
HW_ENDPOINT = "http://" + FIXED_NETLOC

_HW = {"rec": None}


def _hw_record(key, value):
    if _HW["rec"] is not None:
        _HW["rec"][key] = value


_orig_build_future_request = HwClient.build_future_request
_bfr_sig = inspect.signature(_orig_build_future_request)


def _rec_build_future_request(self, *args, **kwargs):
    bound = _bfr_sig.bind(self, *args, **kwargs)
    a = bound.arguments
    _hw_record("path_template", a["resource_path"])
    _hw_record("op_path_params", copy.deepcopy(a["path_params"]))
    _hw_record("update_path_params", copy.deepcopy(self._credentials.get_update_path_params()))
    _hw_record("endpoint", self._endpoints[self._endpoint_index])
    return _orig_build_future_request(self, *args, **kwargs)


HwClient.build_future_request = _rec_build_future_request

_HwSigner = hw_signer_mod.Signer
_orig_hw_sign = _HwSigner.sign


def _rec_hw_sign(self, request):
    rec = _HW["rec"]
    if rec is not None:
        rec["signer_input"] = {
            "ak": self._ak,
            "sk": self._sk,
            "method": request.method,
            "host": request.host,
            "schema": request.schema,
            "resource_path": request.resource_path,
            "query": copy.deepcopy(request.query_params),
            "headers": [[k, v] for k, v in copy.deepcopy(request.header_params).items()],
            "body": copy.deepcopy(request.body),
        }
    result = _orig_hw_sign(self, request)
    if rec is not None:
        rec["headers_after_sign"] = dict(request.header_params)
        rec["uri"] = request.uri
        rec["authorization"] = request.header_params.get("Authorization")
    return result


def _hw_wrap(name, key):
    raw = _HwSigner.__dict__[name]
    if isinstance(raw, classmethod):
        orig = raw.__func__

        def wrapper(cls, *args, **kwargs):
            out = orig(cls, *args, **kwargs)
            _hw_record(key, out)
            return out

        wrapper.__name__ = name
        setattr(_HwSigner, name, classmethod(wrapper))
        return

    def wrapper(self, *args, **kwargs):
        out = raw(self, *args, **kwargs)
        _hw_record(key, out)
        return out

    wrapper.__name__ = name
    setattr(_HwSigner, name, wrapper)


_HwSigner.sign = _rec_hw_sign
_hw_wrap("_process_signed_headers", "signed_headers")
_hw_wrap("_process_canonical_request", "canonical_request")
_hw_wrap("_process_string_to_sign", "string_to_sign")
_hw_wrap("_sign_string_to_sign", "signature")

HW_TRANSPORT_NOTE = "Accept-Encoding, Accept, Connection and Content-Length are added by requests/urllib3"


def hw_config():
    config = HttpConfig.get_default_config()
    config.user_agent = USER_AGENT_SUFFIX
    config.retry_times = 0
    return config


def hw_responder(method, target):
    if "/instances/reinstall" in target:
        return 202, {"instances": [{"id": "0197f36d-d83b-7258-b177-3784b7887a17"}]}
    if "batch-change-image" in target:
        return 200, {"items": [{"server_id": "25b1dd14-0c84-4558-aa57-03a6c54b8e75",
                                "job_id": "84d5dd05-2977-4e37-8409-cf0b027f6a5b",
                                "error_code": "", "error_message": ""}]}
    if "recreate-image" in target:
        return 200, {"job_id": "697354472828968960"}
    if target.startswith("/v2/cloudimages/") or target.startswith("/v2/images/"):
        return 200, {"id": "33ad552d-1149-471c-8190-ff6776174a00", "name": "ims_test", "status": "active"}
    return 200, {}


def hw_run(name, description, build_client, call, sdk_call, security_token=None, responder=hw_responder):
    """Run one Huawei SDK call and turn what was recorded into a vector."""
    rec = {}
    _HW["rec"] = rec
    SERVER.responder = responder
    try:
        client = build_client()
        call(client)
    finally:
        _HW["rec"] = None
    cap = SERVER.take_one()

    si = rec["signer_input"]
    headers_in = si["headers"]
    project_id = dict((k, v) for k, v in headers_in).get("X-Project-Id")
    path_params = {}
    for k, v in (rec["op_path_params"] or {}).items():
        if v is not None:
            path_params[k] = v
    for k, v in (rec["update_path_params"] or {}).items():
        if "{%s}" % k in rec["path_template"]:
            path_params[k] = v

    assert rec["headers_after_sign"]["X-Sdk-Date"] == HW_SDK_DATE
    assert rec["endpoint"] == HW_ENDPOINT
    assert si["host"] == FIXED_NETLOC
    assert cap["method"] == si["method"]
    assert cap["target"] == rec["uri"], (cap["target"], rec["uri"])

    wire, transport = split_wire_headers(cap["headers"], rec["headers_after_sign"].keys())
    body = si["body"]
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    return {
        "name": name,
        "description": description,
        "sdk_call": sdk_call,
        "input": {
            "ak": si["ak"],
            "sk": si["sk"],
            "project_id": project_id,
            "security_token": security_token,
            "sdk_date": HW_SDK_DATE,
            "method": si["method"],
            "endpoint": rec["endpoint"],
            "path_template": rec["path_template"],
            "path_params": jsonable(path_params),
            "resource_path": si["resource_path"],
            "query": [[k, jsonable(v)] for k, v in (si["query"] or [])],
            "headers": headers_in,
            "body": body,
        },
        "expected": {
            "canonical_request": rec["canonical_request"],
            "string_to_sign": rec["string_to_sign"],
            "signed_headers": ";".join(rec["signed_headers"]),
            "signature": rec["signature"],
            "authorization": rec["authorization"],
            "wire_path_and_query": cap["target"],
            "wire_headers": wire,
            "transport_headers": transport,
            "wire_header_order": [h[0] for h in cap["headers"]],
            "wire_body": wire_body(cap),
        },
    }


HW_AK = "HPUAEXAMPLEAK0000001"
HW_SK = "exampleSecretKey0001"
HW_PROJECT = "a4da8115c9d8464ead3a38309130523f"


def hw_builder(client_cls, ak=HW_AK, sk=HW_SK, project_id=HW_PROJECT, token=None):
    def build():
        creds = BasicCredentials(ak, sk, project_id)
        if token is not None:
            creds = creds.with_security_token(token)
        return (client_cls.new_builder()
                .with_http_config(hw_config())
                .with_credentials(creds)
                .with_endpoint(HW_ENDPOINT)
                .build())
    return build


def hw_serialized(request):
    return jsonable(hw_http_utils.sanitize_for_serialization(request))


def huawei_vectors():
    from huaweicloudsdkclouddc.v1 import CloudDCClient, ReinstallOsRequest, ReinstallOSOptions
    from huaweicloudsdkims.v2 import (ImsClient, UpdateImageRequest, UpdateImageRequestBody,
                                      GlanceUpdateImageRequest, GlanceUpdateImageRequestBody)
    from huaweicloudsdkworkspaceapp.v1 import (WorkspaceAppClient, BatchChangeServerImageRequest,
                                               BatchChangeServerImageReq, RecreateServerImageRequest,
                                               CreateServerImageReq)
    vectors = []

    def op(name, description, client_cls, method, request):
        sdk_call = {"client": "%s.%s" % (client_cls.__module__, client_cls.__name__), "method": method,
                    "request_class": type(request).__name__, "request": hw_serialized(request)}
        vectors.append(hw_run(name, description, hw_builder(client_cls),
                              lambda c: getattr(c, method)(request), sdk_call))

    op("workspaceapp/batch_change_server_image",
       "WorkspaceApp BatchChangeServerImage (POST, JSON body) with the API page's example request.",
       WorkspaceAppClient, "batch_change_server_image",
       BatchChangeServerImageRequest(body=BatchChangeServerImageReq(
           server_ids=["25b1dd14-0c84-4558-aa57-03a6c54b8e75"],
           image_id="35998d9a-14f2-48fc-832b-6fc0074dc8f8",
           image_type="private",
           os_type="Windows",
           image_product_id="35998d9a-14f2-48fc-832b-6fc0074dc8f8",
           update_access_agent=True)))

    op("workspaceapp/recreate_server_image",
       "WorkspaceApp RecreateServerImage (POST, path parameter server_id, JSON body) with the example request.",
       WorkspaceAppClient, "recreate_server_image",
       RecreateServerImageRequest(server_id="25b1dd14-0c84-4558-aa57-03a6c54b8e75",
                                  body=CreateServerImageReq(name="image_name_0508",
                                                            description="This is an image recreate desc.")))

    op("ims/update_image",
       "IMS UpdateImage (PATCH /v2/cloudimages/{image_id}, JSON array body, content type "
       "application/json;charset=UTF-8 lowercased by the SDK) with the example request.",
       ImsClient, "update_image",
       UpdateImageRequest(image_id="33ad552d-1149-471c-8190-ff6776174a00",
                          body=[UpdateImageRequestBody(op="replace", path="/name", value="ims_test")]))

    op("ims/glance_update_image",
       "IMS GlanceUpdateImage (PATCH /v2/images/{image_id}, content type "
       "application/openstack-images-v2.1-json-patch, so the SDK adds X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD "
       "and signs UNSIGNED-PAYLOAD instead of the body hash).",
       ImsClient, "glance_update_image",
       GlanceUpdateImageRequest(image_id="33ad552d-1149-471c-8190-ff6776174a00",
                                body=[GlanceUpdateImageRequestBody(op="replace", path="/name", value="ims_test")]))

    op("clouddc/reinstall_os",
       "CloudDC ReinstallOs (PUT, JSON body, content type application/json;charset=UTF-8 lowercased). "
       "Server answers 202. image_id is not given on the API page; the IMS page's example image id is used.",
       CloudDCClient, "reinstall_os",
       ReinstallOsRequest(body=ReinstallOSOptions(
           image_id="33ad552d-1149-471c-8190-ff6776174a00",
           password="Test@Passw0rd",
           instance_id_set=["0197f36d-d83b-7258-b177-3784b7887a17"])))

    # ---- tricky vectors through the generic Client.do_http_request ----

    def generic(name, description, ak, sk, token, kwargs):
        sdk_call = {"client": "huaweicloudsdkcore.client.Client (via ImsClient instance)",
                    "method": "do_http_request", "kwargs": jsonable(copy.deepcopy(kwargs))}
        vectors.append(hw_run(name, description, hw_builder(ImsClient, ak=ak, sk=sk, token=token),
                              lambda c: c.do_http_request(**copy.deepcopy(kwargs)), sdk_call,
                              security_token=token))

    generic("huawei/tricky/get-path-param-and-list-query",
            "GET with path parameter 'my file/ü+*~' (wire %2F, canonical '/'), query tag kept as a Python list "
            "[zebra, über, Apple] (sorted by raw code point: Apple, zebra, über), no body (empty-payload hash) "
            "but Content-Type application/json still sent and signed. SK contains '/', '+', '=' and 'ü'.",
            "HPUAEXAMPLEAK0000002", "exampleSecretKey/+=ü0002", None,
            dict(method="GET", resource_path="/v1/{project_id}/things/{thing_name}",
                 path_params={"thing_name": "my file/ü+*~"},
                 query_params=[("tag", ["zebra", "über", "Apple"])],
                 header_params={}, body=None, response_type="UpdateImageResponse", collection_formats={}))

    generic("huawei/tricky/delete-empty-body-query-and-headers",
            "DELETE with an empty-string body (Content-Length: 0, empty-payload hash), query force=True (bool -> "
            "'true'), ids=['3','10','2'] expanded by collection format 'multi' and string-sorted (10, 2, 3), name='' "
            "('name='), key 'sort key' ('sort%20key'); header X-Custom-Header '  padded value  ' stripped before "
            "signing and on the wire; X_Unsigned_Header contains '_' so it is sent but not signed.",
            "HPUAEXAMPLEAK0000003", "exampleSecretKey0003", None,
            dict(method="DELETE", resource_path="/v1/{project_id}/things",
                 path_params={},
                 query_params=[("force", True), ("ids", ["3", "10", "2"]), ("name", ""), ("sort key", "v")],
                 header_params={"X-Custom-Header": "  padded value  ", "X_Unsigned_Header": "not-signed"},
                 body="", response_type="UpdateImageResponse", collection_formats={"ids": "multi"}))

    generic("huawei/tricky/patch-json-patch-sts",
            "PATCH with content type application/openstack-images-v2.1-json-patch (-> X-Sdk-Content-Sha256: "
            "UNSIGNED-PAYLOAD, payload hash UNSIGNED-PAYLOAD), a non-ASCII body serialised by simplejson with "
            "ensure_ascii (\\uXXXX escapes), and an STS security token sent as X-Security-Token (signed).",
            "HPUAEXAMPLEAK0000004", "exampleSecretKey0004", "EXAMPLE-STS-TOKEN/gQpjbi1ub3J0aC00+w==",
            dict(method="PATCH", resource_path="/v2/images/{image_id}",
                 path_params={"image_id": "33ad552d-1149-471c-8190-ff6776174a00"},
                 query_params=[],
                 header_params={"Content-Type": "application/openstack-images-v2.1-json-patch"},
                 body=[{"op": "replace", "path": "/name", "value": "名前 ü"},
                       {"op": "add", "path": "/__description", "value": "café \"quoted\""}],
                 response_type="UpdateImageResponse", collection_formats={}))

    generic("huawei/tricky/edge-values",
            "Edge rules from signing.md 1.5: a bool path parameter (Python str() -> 'True'), an int list query "
            "value sorted NUMERICALLY by the SDK (9, 10, 100; a port that stringifies first would get 10, 100, 9), "
            "an int query value, and a non-ASCII header value (signed as Unicode/UTF-8, UTF-8 bytes on the wire). "
            "POST with a JSON dict body.",
            "HPUAEXAMPLEAK0000005", "exampleSecretKey0005", None,
            dict(method="POST", resource_path="/v1/{project_id}/flags/{flag}/items",
                 path_params={"flag": True},
                 query_params=[("limit", 10), ("n", [10, 9, 100])],
                 header_params={"X-Display-Name": "Zoë 中文"},
                 body={"a": 1, "b": [True, None], "c": "ü"}, response_type="UpdateImageResponse", collection_formats={}))
    return vectors


# --------------------------------------------------------------------------------------
# Alibaba Cloud (alibabacloud_tea_openapi ACS3-HMAC-SHA256 and RPC HMAC-SHA1)
# --------------------------------------------------------------------------------------

import alibabacloud_tea_openapi.utils as ali_utils_mod  # noqa: E402
from alibabacloud_tea_openapi.client import Client as OpenApiClient  # noqa: E402
from alibabacloud_tea_openapi import utils_models as open_api_models  # noqa: E402
from darabonba.core import DaraCore  # noqa: E402
from darabonba.runtime import RuntimeOptions  # noqa: E402

AliUtils = ali_utils_mod.Utils
ali_utils_mod.datetime = _FixedDateTime  # x-acs-date / Timestamp = 2026-11-23T12:00:00Z
ALI_DATE = "2026-11-23T12:00:00Z"

_ALI = {"rec": None, "nonce": None}


def _ali_rec():
    return _ALI["rec"]


AliUtils.get_nonce = staticmethod(lambda: _ALI["nonce"])

_orig_get_authorization = AliUtils.get_authorization
_orig_hash = AliUtils.hash
_orig_signature_method = ali_utils_mod.signature_method
_orig_get_rpcsignature = AliUtils.get_rpcsignature
_orig_do_action = DaraCore.do_action


def _rec_get_authorization(request, sign_type, payload, ak, secret):
    rec = _ali_rec()
    if rec is None:
        return _orig_get_authorization(request, sign_type, payload, ak, secret)
    rec["signer_input"] = {
        "method": request.method,
        "pathname": request.pathname,
        "query": [[k, v] for k, v in request.query.items()],
        "headers": [[k, v] for k, v in request.headers.items()],
        "body": request.body,
        "payload": payload,
        "sign_type": sign_type,
        "ak": ak,
        "sk": secret,
    }
    rec["hash_inputs"] = []
    rec["in_auth"] = True
    try:
        auth = _orig_get_authorization(request, sign_type, payload, ak, secret)
    finally:
        rec["in_auth"] = False
    rec["authorization"] = auth
    return auth


def _rec_hash(raw, sign_type):
    rec = _ali_rec()
    if rec is not None and rec.get("in_auth"):
        rec["hash_inputs"].append(bytes(raw))
    return _orig_hash(raw, sign_type)


def _rec_signature_method(secret, source, sign_type):
    out = _orig_signature_method(secret, source, sign_type)
    rec = _ali_rec()
    if rec is not None and rec.get("in_auth"):
        rec["string_to_sign"] = source
        rec["signature"] = AliUtils.hex_encode(out)
    return out


class _HmacObserver:
    """Stands in for the `hmac` module inside alibabacloud_tea_openapi.utils; records the message
    get_rpcsignature signs and otherwise delegates to the real module."""

    def __getattr__(self, name):
        return getattr(_hmac_mod, name)

    @staticmethod
    def new(key, msg=None, digestmod=""):
        rec = _ali_rec()
        if rec is not None and rec.get("in_rpc"):
            rec["rpc_hmac_key"] = key
            rec["rpc_string_to_sign"] = msg
        return _hmac_mod.new(key, msg, digestmod)


def _rec_get_rpcsignature(signed_params, method, secret):
    rec = _ali_rec()
    if rec is None:
        return _orig_get_rpcsignature(signed_params, method, secret)
    caller = sys._getframe(1).f_locals  # Client.do_rpcrequest
    req = caller["_request"]
    body_model = caller.get("t")
    rec["signer_input"] = {
        "method": method,
        "query": [[k, v] for k, v in req.query.items()],
        "body_params": None if body_model is None else [[k, v] for k, v in AliUtils.query(body_model).items()],
        "headers": [[k, v] for k, v in req.headers.items()],
        "body": req.body,
        "sk": secret,
        "signed_params": [[k, v] for k, v in signed_params.items()],
    }
    rec["in_rpc"] = True
    try:
        sig = _orig_get_rpcsignature(signed_params, method, secret)
    finally:
        rec["in_rpc"] = False
    rec["signature"] = sig
    return sig


def _rec_do_action(request, runtime_option=None):
    rec = _ali_rec()
    if rec is not None:
        rec["final"] = {
            "method": request.method,
            "pathname": request.pathname,
            "query": [[k, v] for k, v in request.query.items()],
            "headers": dict(request.headers),
            "body": request.body,
        }
    return _orig_do_action(request, runtime_option)


AliUtils.get_authorization = staticmethod(_rec_get_authorization)
AliUtils.hash = staticmethod(_rec_hash)
ali_utils_mod.signature_method = _rec_signature_method
ali_utils_mod.hmac = _HmacObserver()
AliUtils.get_rpcsignature = staticmethod(_rec_get_rpcsignature)
DaraCore.do_action = staticmethod(_rec_do_action)

ALI_AK = "LTAI5tEXAMPLEAK00001"
ALI_SK = "exampleAlibabaSecret0001"
ALI_STS_AK = "STS.NTEXAMPLEAK000003"
ALI_STS_SK = "exampleAlibabaSecret0003"
ALI_STS_TOKEN = "CAIS+EXAMPLE/SecurityToken=0003"


def ali_config(ak, sk, token=None, v2=False):
    cfg = open_api_models.Config(access_key_id=ak, access_key_secret=sk, endpoint=FIXED_NETLOC,
                                 protocol="http", region_id="cn-hangzhou", user_agent=USER_AGENT_SUFFIX)
    if token is not None:
        cfg.security_token = token
    if v2:
        cfg.signature_algorithm = "v2"
    return cfg


def ali_responder(method, target):
    return 200, {"RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3****"}


def ali_run(nonce, call, responder=ali_responder):
    rec = {}
    _ALI["rec"] = rec
    _ALI["nonce"] = nonce
    SERVER.responder = responder
    try:
        call()
    finally:
        _ALI["rec"] = None
        _ALI["nonce"] = None
    cap = SERVER.take_one()
    final = rec["final"]
    assert cap["method"] == final["method"]
    wire, transport = split_wire_headers(cap["headers"], final["headers"].keys())
    return rec, cap, wire, transport


def ecs_modify_image_attribute(cfg, **kw):
    from alibabacloud_ecs20140526.client import Client as EcsClient
    from alibabacloud_ecs20140526 import models as ecs_models
    features = kw.pop("features", None)
    req = ecs_models.ModifyImageAttributeRequest(**kw)
    if features is not None:
        req.features = ecs_models.ModifyImageAttributeRequestFeatures(**features)
    sdk_call = {"client": "alibabacloud_ecs20140526.client.Client", "method": "modify_image_attribute_with_options",
                "request_class": "ModifyImageAttributeRequest", "request": jsonable(req.to_map())}
    return sdk_call, lambda: EcsClient(cfg).modify_image_attribute_with_options(req, RuntimeOptions())


def generic_call(cfg, params, query=None, body=None):
    """OpenApiClient.call_api with OpenApiRequest(query=Utils.query(query), body=body)."""
    req = open_api_models.OpenApiRequest()
    if query is not None:
        req.query = AliUtils.query(query)
    if body is not None:
        req.body = body
    sdk_call = {"client": "alibabacloud_tea_openapi.client.Client", "method": "call_api",
                "params": jsonable(params.to_map()), "query_before_flattening": jsonable(query),
                "body": jsonable(body)}
    return sdk_call, lambda: OpenApiClient(cfg).call_api(params, req, RuntimeOptions())


EXAMPLE_MIA = dict(region_id="cn-hangzhou", image_id="m-bp18ygjuqnwhechc****", image_name="testImageName",
                   status="Deprecated", image_family="hangzhou-daily-update", boot_mode="BIOS",
                   description="testDescription", features={"nvme_support": "supported"})
TRICKY_MIA = dict(region_id="cn-hangzhou", image_id="m-bp18ygjuqnwhechc****", image_name="test Image/ü+*~",
                  description="a b+c*d~e/f ü 中文", image_family="", dry_run=True,
                  features={"imds_support": "v2", "nvme_support": "supported"})
ROA_QUERY = {"sort key": "a b", "Tag": [{"Key": "k 1", "Value": "v/ü"}], "Empty": "", "alpha": "1", "Zeta": "*~"}
RPC_GET_QUERY = {"RegionId": "cn-hangzhou", "sort key": "a b", "Tag": [{"Key": "k 1", "Value": "v/ü"}],
                 "Empty": "", "alpha": "1"}
FORM_BODY = {"Name": "a b+c*d~e", "Tag": [{"Key": "k", "Value": "ü 中"}], "Count": 3}


def acs3_vector(name, description, nonce, token, sdk_call, call, responder=ali_responder):
    rec, cap, wire, transport = ali_run(nonce, call, responder)
    si = rec["signer_input"]
    hdrs = dict(si["headers"])
    assert hdrs["x-acs-date"] == ALI_DATE and hdrs["x-acs-signature-nonce"] == nonce
    assert len(rec["hash_inputs"]) == 1
    signed_headers = ali_utils_mod.get_canonicalized_headers(dict(si["headers"]))[1]
    assert rec["authorization"].endswith(",SignedHeaders=%s,Signature=%s" % (signed_headers, rec["signature"]))
    body = si["body"]
    return {
        "name": name,
        "description": description,
        "sdk_call": sdk_call,
        "input": {
            "ak": si["ak"],
            "sk": si["sk"],
            "security_token": token,
            "method": si["method"],
            "host": hdrs["host"],
            "pathname": si["pathname"],
            "query": si["query"],
            "headers": si["headers"],
            "body": body.decode("utf-8") if isinstance(body, bytes) else body,
        },
        "expected": {
            "canonical_request": rec["hash_inputs"][0].decode("utf-8"),
            "string_to_sign": rec["string_to_sign"],
            "signed_headers": signed_headers,
            "signature": rec["signature"],
            "authorization": rec["authorization"],
            "wire_path_and_query": cap["target"],
            "wire_headers": wire,
            "transport_headers": transport,
            "wire_header_order": [h[0] for h in cap["headers"]],
            "wire_body": wire_body(cap),
        },
    }


def acs3_vectors():
    v = []
    sdk_call, call = ecs_modify_image_attribute(ali_config(ALI_AK, ALI_SK), **EXAMPLE_MIA)
    v.append(acs3_vector(
        "ecs/ModifyImageAttribute",
        "ECS ModifyImageAttribute (RPC style, POST /, all parameters in the query, empty body) with the API page's "
        "example values, through the real alibabacloud_ecs20140526 client. Features.NvmeSupport is flattened "
        "with a dot.",
        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f60", None, sdk_call, call))

    sdk_call, call = ecs_modify_image_attribute(ali_config(ALI_AK, ALI_SK), **TRICKY_MIA)
    v.append(acs3_vector(
        "acs3/tricky/modify-image-attribute-tricky-values",
        "Real ECS client with tricky values: ImageName 'test Image/ü+*~', Description 'a b+c*d~e/f ü 中文', "
        "ImageFamily '' (canonical and wire 'ImageFamily='), DryRun True (Python str() -> 'True'), "
        "Features.ImdsSupport and Features.NvmeSupport. Canonical query uses %20, the wire query uses '+'.",
        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f61", None, sdk_call, call))

    path = "/v1/things/%s/items" % AliUtils.get_encode_param("my file/ü+*~")
    params = open_api_models.Params(action="ListThingItems", version="2022-01-01", protocol="HTTPS",
                                    pathname=path, method="GET", auth_type="AK", style="ROA",
                                    req_body_type="json", body_type="json")
    sdk_call, call = generic_call(ali_config(ALI_AK, ALI_SK), params, query=ROA_QUERY)
    v.append(acs3_vector(
        "acs3/tricky/roa-get-encoded-path-query-keys",
        "Generic OpenApiClient.call_api, ROA-style GET with a pathname pre-encoded by Utils.get_encode_param "
        "('my file/ü+*~' -> my%20file%2F%C3%BC%2B%2A~), canonicalised verbatim. Query keys: 'sort key' (space "
        "NOT encoded in the canonical query, '+' on the wire), Tag.1.Key/Tag.1.Value from list flattening, "
        "an empty value, and mixed-case keys (code-point order: uppercase first). No body, no content-type.",
        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f62", None, sdk_call, call))

    params = open_api_models.Params(action="CreateThing", version="2014-05-26", protocol="HTTPS",
                                    pathname="/", method="POST", auth_type="AK", style="RPC",
                                    req_body_type="formData", body_type="json")
    sdk_call, call = generic_call(ali_config(ALI_STS_AK, ALI_STS_SK, token=ALI_STS_TOKEN), params,
                                  query={"RegionId": "cn-hangzhou"}, body=FORM_BODY)
    v.append(acs3_vector(
        "acs3/tricky/rpc-post-form-body-sts",
        "Generic OpenApiClient.call_api, RPC-style POST with a formData body (flattened, key-sorted, urlencoded "
        "with quote_plus; x-acs-content-sha256 is the hash of that string; content-type signed) and STS "
        "credentials (x-acs-accesskey-id, x-acs-security-token, x-acs-credentials-provider: static_sts).",
        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f63", ALI_STS_TOKEN, sdk_call, call))
    return v


def rpc_vector(name, description, nonce, ak, token, sdk_call, call, responder=ali_responder):
    rec, cap, wire, transport = ali_run(nonce, call, responder)
    si = rec["signer_input"]
    final = rec["final"]
    query = dict(si["query"])
    assert query["Timestamp"] == ALI_DATE and query["SignatureNonce"] == nonce
    assert final["query"][:-1] == si["query"] and final["query"][-1] == ["Signature", rec["signature"]]
    assert rec["rpc_hmac_key"] == (si["sk"] + "&").encode("utf-8")
    body = si["body"]
    return {
        "name": name,
        "description": description,
        "sdk_call": sdk_call,
        "input": {
            "ak": ak,
            "sk": si["sk"],
            "security_token": token,
            "method": si["method"],
            "host": dict(si["headers"])["host"],
            "query": si["query"],
            "body_params": si["body_params"],
            "body": body.decode("utf-8") if isinstance(body, bytes) else body,
            "headers": si["headers"],
        },
        "expected": {
            "signed_params": si["signed_params"],
            "string_to_sign": rec["rpc_string_to_sign"].decode("utf-8"),
            "signature": rec["signature"],
            "wire_path_and_query": cap["target"],
            "wire_headers": wire,
            "transport_headers": transport,
            "wire_header_order": [h[0] for h in cap["headers"]],
            "wire_body": wire_body(cap),
        },
    }


def rpc_vectors():
    v = []
    sdk_call, call = ecs_modify_image_attribute(ali_config(ALI_AK, ALI_SK, v2=True), **EXAMPLE_MIA)
    v.append(rpc_vector(
        "ecs/ModifyImageAttribute",
        "ECS ModifyImageAttribute through the real client with Config.signature_algorithm='v2' (legacy RPC "
        "HMAC-SHA1), with the API page's example values. POST, everything in the query, empty body.",
        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f70", ALI_AK, None, sdk_call, call))

    sdk_call, call = ecs_modify_image_attribute(ali_config(ALI_AK, ALI_SK, v2=True), **TRICKY_MIA)
    v.append(rpc_vector(
        "rpc/tricky/modify-image-attribute-tricky-values",
        "Same tricky values as the ACS3 vector: spaces, '/', '+', '*', '~', non-ASCII, empty ImageFamily, "
        "DryRun 'True', Features.* flattening.",
        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f71", ALI_AK, None, sdk_call, call))

    params = open_api_models.Params(action="DescribeThings", version="2014-05-26", protocol="HTTPS",
                                    pathname="/", method="GET", auth_type="AK", style="RPC",
                                    req_body_type="formData", body_type="json")
    sdk_call, call = generic_call(ali_config(ALI_AK, ALI_SK, v2=True), params, query=RPC_GET_QUERY)
    v.append(rpc_vector(
        "rpc/tricky/get-space-key-empty-value-tag-list",
        "Generic OpenApiClient.call_api, RPC GET: key 'sort key' (percent-encoded as sort%20key in the "
        "canonicalized query, '+' on the wire), an empty value, Tag.1.Key/Tag.1.Value flattening, mixed-case keys.",
        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f72", ALI_AK, None, sdk_call, call))

    params = open_api_models.Params(action="CreateThing", version="2014-05-26", protocol="HTTPS",
                                    pathname="/", method="POST", auth_type="AK", style="RPC",
                                    req_body_type="formData", body_type="json")
    sdk_call, call = generic_call(ali_config(ALI_STS_AK, ALI_STS_SK, token=ALI_STS_TOKEN, v2=True), params,
                                  query={"RegionId": "cn-hangzhou"}, body=FORM_BODY)
    v.append(rpc_vector(
        "rpc/tricky/post-form-body-sts",
        "Generic OpenApiClient.call_api, RPC POST with a form body (its flattened params are signed together "
        "with the query) and STS credentials (SecurityToken query parameter before SignatureMethod).",
        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f73", ALI_STS_AK, ALI_STS_TOKEN, sdk_call, call))
    return v


# --------------------------------------------------------------------------------------
# Wire vectors for list parameters and bodies (wire_lists_and_bodies.json): ECS DescribeImages and
# CreateImage (Tag.N / Filter.N / DiskDeviceMapping.N flattening, booleans, ACS3 and RPC v1) and the
# Huawei IMS native delete (DELETE with a JSON body).
# --------------------------------------------------------------------------------------

import hashlib as _hashlib  # noqa: E402
import urllib.parse as _urlparse  # noqa: E402

# The API pages' JSON sample responses, verbatim, served by the capture server so that the
# fixture also shows how the SDK's response models parse them.
DESCRIBE_IMAGES_PAGE_RESPONSE = {
    "PageNumber": 1,
    "TotalCount": 1,
    "PageSize": 1,
    "RegionId": "cn-hangzhou",
    "RequestId": "66189103-EDB2-43E2-BB60-BFF2B62F4EB8",
    "Images": {
        "Image": [
            {
                "ImageId": "m-bp1g7004ksh0oeuc****",
                "ImageFamily": "hangzhou-daily-update",
                "Description": "Archive log for Oracle",
                "OSNameEn": "Windows Server  2016 Data Center Edition 64bit Chinese Edition",
                "ProductCode": "",
                "ResourceGroupId": "",
                "OSType": "windows",
                "Architecture": "x86_64",
                "OSName": "Windows Server  2016 Datacenter 64-bit (Simplified Chinese)",
                "DiskDeviceMappings": {
                    "DiskDeviceMapping": [
                        {
                            "ImportOSSObject": "",
                            "Format": "",
                            "Device": "/dev/xvda",
                            "Type": "system",
                            "SnapshotId": "s-bp17ot2q7x72ggtw****",
                            "ImportOSSBucket": "",
                            "Progress": "",
                            "Size": "60"
                        }
                    ]
                },
                "ImageOwnerAlias": "self",
                "Progress": "100%",
                "IsSupportCloudinit": True,
                "Usage": "none",
                "CreationTime": "2019-11-15T06:07:05Z",
                "ImageVersion": "",
                "Tags": {
                    "Tag": [
                        {
                            "TagValue": "Oracle",
                            "TagKey": "DTS"
                        }
                    ]
                },
                "Status": "Available",
                "ImageName": "testImageName",
                "IsSupportIoOptimized": True,
                "IsSelfShared": "False",
                "IsCopied": False,
                "IsSubscribed": False,
                "Platform": "Windows Server 2016",
                "Size": 60
            }
        ]
    }
}
CREATE_IMAGE_PAGE_RESPONSE = {"RequestId": "C8B26B44-0189-443E-9816-D951F59623A9", "ImageId": "m-bp146shijn7hujku****"}

HW_DELETE_IMAGE_ID = "4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba90"  # the OTC/Huawei IMS page's example image id


def _fixed_responder(status, payload):
    def responder(method, target):
        return status, copy.deepcopy(payload)
    return responder


def wire_request_fields(cap):
    """method, path and the query string exactly as they reached the capture server."""
    path, sep, query = cap["target"].partition("?")
    pairs = [] if not sep else [list(p) for p in _urlparse.parse_qsl(query, keep_blank_values=True,
                                                                        strict_parsing=True)]
    body = cap["body"]
    return {
        "method": cap["method"],
        "path": path,
        "wire_query": query if sep else None,
        "wire_query_pairs": pairs,
        "wire_body_sha256": None if body is None else _hashlib.sha256(body).hexdigest(),
    }


def _is_model(v):
    return hasattr(v, "to_map") and hasattr(v, "from_map")


def _declared_types(cls):
    try:
        return {n: p.annotation for n, p in inspect.signature(cls.__init__).parameters.items() if n != "self"}
    except (TypeError, ValueError):
        return {}


def sdk_model_tree(obj, path="body"):
    """For a parsed Alibaba response model: each model node's class, and each leaf's declared type (the
    generated __init__ annotation); 'declared X, parsed Y' where the parsed Python value has another type."""
    models, leaves = {}, {}

    def walk(v, p, declared):
        if v is None:
            return
        if _is_model(v):
            models[p] = type(v).__name__
            types = _declared_types(type(v))
            for attr, value in vars(v).items():
                if attr.startswith("_"):
                    continue
                walk(value, "%s.%s" % (p, attr), types.get(attr))
        elif isinstance(v, list):
            for i, item in enumerate(v):
                walk(item, "%s[%d]" % (p, i), declared)
        else:
            declared = declared if isinstance(declared, str) else str(declared)
            parsed = type(v).__name__
            leaves[p] = declared if declared == parsed else "declared %s, parsed %s" % (declared, parsed)

    walk(obj, path, None)
    return {"models": models, "leaves": leaves}


def ecs_op(cfg, op, build_request, box):
    """Call alibabacloud_ecs20140526 Client.<op>_with_options(request, RuntimeOptions()) with a fresh
    request model from build_request(ecs_models); box['response'] receives what the SDK returned."""
    from alibabacloud_ecs20140526.client import Client as EcsClient
    from alibabacloud_ecs20140526 import models as ecs_models
    req = build_request(ecs_models)
    sdk_call = {"client": "alibabacloud_ecs20140526.client.Client", "method": op + "_with_options",
                "request_class": type(req).__name__, "request": jsonable(req.to_map())}

    def call():
        box["response"] = getattr(EcsClient(cfg), op + "_with_options")(req, RuntimeOptions())
    return sdk_call, call


def describe_images_example(m):
    return m.DescribeImagesRequest(
        region_id="cn-hangzhou", status="Available,Creating", image_owner_alias="self",
        is_support_io_optimized=True, show_expired=False, page_number=2, page_size=10,
        tag=[m.DescribeImagesRequestTag(key="TestKey", value="TestValue"),
             m.DescribeImagesRequestTag(key="k2", value="v 2")],
        filter=[m.DescribeImagesRequestFilter(key="CreationStartTime", value="2017-12-05T22:40Z")],
        dry_run=False)


def describe_images_11_tags(m):
    return m.DescribeImagesRequest(
        region_id="cn-hangzhou",
        tag=[m.DescribeImagesRequestTag(key="k%d" % i, value="v%d" % i) for i in range(1, 12)])


def create_image_example(m):
    return m.CreateImageRequest(
        region_id="cn-hangzhou",
        disk_device_mapping=[
            m.CreateImageRequestDiskDeviceMapping(size=2000, snapshot_id="s-bp17441ohwkdca0****", disk_type="system"),
            m.CreateImageRequestDiskDeviceMapping(size=40, device="/dev/xvdb", disk_type="data")],
        image_name="TestCentOS", platform="CentOS", architecture="x86_64",
        client_token="123e4567-e89b-12d3-a456-426655440000",
        tag=[m.CreateImageRequestTag(key="KeyTest", value="ValueTest")])


def ali_wire_vector(scheme, name, description, nonce, op, build_request, page_response):
    """One ECS call (ACS3 or RPC v1) through acs3_vector / rpc_vector, plus the wire request split into
    method, path and the exact query string, and the SDK's parsing of the page's sample response."""
    v2 = scheme != "ACS3-HMAC-SHA256"
    box = {}
    sdk_call, call = ecs_op(ali_config(ALI_AK, ALI_SK, v2=v2), op, build_request, box)
    responder = _fixed_responder(200, page_response)
    if v2:
        vec = rpc_vector(name, description, nonce, ALI_AK, None, sdk_call, call, responder)
        sts = vec["expected"]["string_to_sign"]
        method, slash, encoded_cqs = sts.split("&", 2)
        cqs = _urlparse.unquote_plus(encoded_cqs)
        assert _urlparse.quote_plus(cqs, safe="~", encoding="utf-8") == encoded_cqs and slash == "%2F"
        vec["expected"]["canonicalized_query_string"] = cqs
    else:
        vec = acs3_vector(name, description, nonce, None, sdk_call, call, responder)
    vec["scheme"] = scheme
    vec["input"]["request_params"] = _wire_params(build_request)
    wire = wire_request_fields({"method": vec["input"]["method"], "target": vec["expected"]["wire_path_and_query"],
                                "body": None if vec["expected"]["wire_body"] is None
                                else vec["expected"]["wire_body"].encode("utf-8")})
    vec["expected"].update(wire)
    # The wire query is the SDK's final query dict in insertion order (urlencode, quote_plus); RPC v1
    # appends Signature last.
    final_query = [list(p) for p in vec["input"]["query"]]
    if v2:
        final_query.append(["Signature", vec["expected"]["signature"]])
    assert wire["wire_query_pairs"] == final_query, (wire["wire_query_pairs"], final_query)
    resp = box["response"]
    vec["response"] = {
        "status": 200,
        "body": page_response,
        "sdk_response_class": type(resp).__name__,
        "sdk_status_code": resp.status_code,
        "sdk_body": jsonable(resp.body.to_map()),
        "sdk_model_tree": sdk_model_tree(resp.body),
    }
    return vec


def _ecs_models():
    from alibabacloud_ecs20140526 import models as ecs_models
    return ecs_models


def _wire_params(build_request):
    """The request model's to_map() (wire names, typed values), without the empty lists to_map() always adds."""
    return {k: jsonable(v) for k, v in build_request(_ecs_models()).to_map().items() if v != []}


def huawei_glance_delete_vector(name, description, body):
    from huaweicloudsdkims.v2 import ImsClient, GlanceDeleteImageRequest
    request = GlanceDeleteImageRequest(image_id=HW_DELETE_IMAGE_ID, body=body)
    sdk_call = {"client": "huaweicloudsdkims.v2.ImsClient", "method": "glance_delete_image",
                "request_class": type(request).__name__, "request": hw_serialized(request)}
    box = {}

    def call(client):
        box["response"] = client.glance_delete_image(request)

    vec = hw_run(name, description, hw_builder(ImsClient), call, sdk_call, responder=_fixed_responder(204, None))
    vec["scheme"] = "SDK-HMAC-SHA256"
    cap = {"method": vec["input"]["method"], "target": vec["expected"]["wire_path_and_query"],
           "body": vec["expected"]["wire_body"].encode("utf-8")}
    vec["expected"].update(wire_request_fields(cap))
    # The body is covered by the payload hash (content type application/json..., so no UNSIGNED-PAYLOAD).
    assert vec["expected"]["canonical_request"].endswith("\n" + vec["expected"]["wire_body_sha256"])
    resp = box["response"]
    vec["response"] = {
        "status": 204,
        "body": None,
        "sdk_response_class": type(resp).__name__,
        "sdk_status_code": resp.status_code,
    }
    return vec


def huawei_glance_delete_vectors():
    from huaweicloudsdkims.v2 import GlanceDeleteImageRequestBody
    common = ("DELETE /v2/images/{image_id} (IMS GlanceDeleteImage, native OpenStack API) with the page's example "
              "image id. The generated code sets Content-Type application/json;charset=UTF-8, lowercased to "
              "charset=utf-8 by select_header_content_type; because it starts with application/json there is no "
              "UNSIGNED-PAYLOAD and the payload hash is the SHA-256 of the body bytes. Server answers 204 No Content.")
    return [
        huawei_glance_delete_vector(
            "huawei/ims/glance_delete_image",
            common + " Body: the page's example {\"delete_backup\": true}, serialised by simplejson.dumps "
            "(separators ', ' and ': ') -> 23 bytes.",
            GlanceDeleteImageRequestBody(delete_backup=True)),
        huawei_glance_delete_vector(
            "huawei/ims/glance_delete_image/empty-body-model",
            common + " Bonus: an empty GlanceDeleteImageRequestBody() (delete_backup unset) is still sent, as "
            "'{}' (2 bytes).",
            GlanceDeleteImageRequestBody()),
        huawei_glance_delete_vector(
            "huawei/ims/glance_delete_image/no-body",
            common + " Bonus: no body model at all: no body bytes, Content-Length: 0, empty-payload hash, but "
            "Content-Type is still sent and signed.",
            None),
    ]


def wire_vectors():
    acs3, rpc = "ACS3-HMAC-SHA256", "RPC-HMAC-SHA1 (SignatureVersion 1.0, Config.signature_algorithm='v2')"
    di = ("ECS DescribeImages through the real alibabacloud_ecs20140526 client (%s): RegionId, Status "
          "'Available,Creating' (one comma-separated string), ImageOwnerAlias, IsSupportIoOptimized=True and "
          "ShowExpired=False / DryRun=False (Python bools -> 'True'/'False'), PageNumber=2, PageSize=10, two Tag "
          "items (the second value has a space) and one Filter item, flattened by Utils.query to Tag.1.Key, "
          "Tag.1.Value, Tag.2.Key, ... (1-based, Key before Value). POST /, everything in the query, empty body. "
          "The server answers with the page's JSON sample response.")
    tags11 = ("ECS DescribeImages (%s) with RegionId and 11 tags k1..k11 / v1..v11: the wire query keeps the "
              "numeric insertion order Tag.1 ... Tag.9, Tag.10, Tag.11, while the canonical query sorts the keys as "
              "strings (Tag.1.*, Tag.10.*, Tag.11.*, Tag.2.*, ...).")
    ci = ("ECS CreateImage (%s) with the page's example values: two DiskDeviceMapping items (the second with "
          "Device instead of SnapshotId) whose fields go on the wire in the model's to_map order (Device, DiskType, "
          "Size, SnapshotId), ImageName, Platform, Architecture, a caller-supplied ClientToken (sent as given; the "
          "SDK does not invent one) and one Tag. Sizes are ints, sent as str(). The server answers with the page's "
          "JSON sample response.")
    v = [
        ali_wire_vector(acs3, "acs3/ecs/DescribeImages", di % "default ACS3-HMAC-SHA256",
                        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f80", "describe_images", describe_images_example,
                        DESCRIBE_IMAGES_PAGE_RESPONSE),
        ali_wire_vector(rpc, "rpc/ecs/DescribeImages", di % "RPC v1 HMAC-SHA1, signature_algorithm='v2'",
                        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f90", "describe_images", describe_images_example,
                        DESCRIBE_IMAGES_PAGE_RESPONSE),
        ali_wire_vector(acs3, "acs3/ecs/DescribeImages/11-tags", tags11 % "ACS3-HMAC-SHA256",
                        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f81", "describe_images", describe_images_11_tags,
                        DESCRIBE_IMAGES_PAGE_RESPONSE),
        ali_wire_vector(rpc, "rpc/ecs/DescribeImages/11-tags", tags11 % "RPC v1 HMAC-SHA1",
                        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f91", "describe_images", describe_images_11_tags,
                        DESCRIBE_IMAGES_PAGE_RESPONSE),
        ali_wire_vector(acs3, "acs3/ecs/CreateImage", ci % "default ACS3-HMAC-SHA256",
                        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f82", "create_image", create_image_example,
                        CREATE_IMAGE_PAGE_RESPONSE),
        ali_wire_vector(rpc, "rpc/ecs/CreateImage", ci % "RPC v1 HMAC-SHA1, signature_algorithm='v2'",
                        "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f92", "create_image", create_image_example,
                        CREATE_IMAGE_PAGE_RESPONSE),
    ]
    return v + huawei_glance_delete_vectors()


# --------------------------------------------------------------------------------------
# Notes (observations that add to or differ from /work/shared/reference/signing.md)
# --------------------------------------------------------------------------------------

COMMON_NOTES = [
    "Made by tools/signing-vectors/generate.py: the official SDK sends each request to a capture server on "
    "127.0.0.1. The endpoint string is always 127.0.0.1:18765, so Host and the signatures do not depend on the "
    "port; a guard in urllib3's connection factory routes that address to the server's real port and refuses "
    "any other address.",
    "'input' is the state the SDK had when its signer was called. 'expected.canonical_request' and "
    "'expected.string_to_sign' are the strings the SDK's own signer built; they were recorded by wrapping the "
    "signer's functions, not by re-implementing them. 'wire_*' is what reached the capture server: "
    "wire_headers are the headers of the SDK's request dict, in wire order. transport_headers are those added "
    "by requests/urllib3/http.client. wire_header_order lists every header name in the order sent.",
    "wire_body is null when the request had neither Content-Length nor Transfer-Encoding (no body at all), and "
    "\"\" when the request sent Content-Length: 0.",
    "'sdk_call' records the SDK call that was made, for traceability. For Huawei, request models are "
    "serialised with sanitize_for_serialization, so fields marked sensitive (e.g. password) are not masked.",
]

HW_NOTES = COMMON_NOTES + [
    "All observations agree with signing.md section 1. The notes below add to it.",
    "Header order on the wire: requests merges its Session defaults first. The SDK's User-Agent therefore "
    "takes the first slot, followed by Accept-Encoding, Accept and Connection; then come the remaining SDK "
    "headers in dict order (op headers, Content-Type, X-Project-Id, [X-Security-Token], "
    "[X-Sdk-Content-Sha256], X-Sdk-Date, Host, Authorization), and Content-Length comes last. The order is "
    "not signed.",
    "Order of the header dict given to the signer: the operation's header params (generated code sets "
    "Content-Type first), then User-Agent, then Content-Type (setdefault, so it comes after User-Agent when "
    "the caller did not set it), then X-Project-Id (BasicCredentials) and X-Security-Token (STS).",
    "The UNSIGNED-PAYLOAD switch reads header_params.get('Content-Type'), which is case-sensitive. A header "
    "spelled differently (e.g. 'content-type') would not trigger it. (Read from the source; not vectorised.)",
    "The signer sorts a list-valued query parameter IN PLACE (value.sort()). So 'input.query' is copied "
    "before signing, and shows the order the caller gave.",
    "Vector huawei/tricky/edge-values is extra, beyond signing.md 1.4. An int list [10, 9, 100] is sorted "
    "numerically (n=9&n=10&n=100). A bool path parameter becomes 'True'. A non-ASCII header value is signed "
    "as Unicode and sent as UTF-8 bytes. A port that stringifies query values first will not match this "
    "vector's order; that is the difference signing.md 1.5 predicts.",
    "The default HttpConfig.user_agent includes a random per-machine UUID (~/.huaweicloud/application_id, "
    "written when huaweicloudsdkcore is imported). The vectors therefore set HttpConfig.user_agent="
    "'signing-vectors/1.0', which gives User-Agent 'huaweicloud-usdk-python/3.0; signing-vectors/1.0'.",
    "clouddc reinstall_os: the API page gives no example image_id. The IMS page's example image id "
    "33ad552d-1149-471c-8190-ff6776174a00 is used instead.",
    "The generic Client.do_http_request needs a model class name as response_type (any other value crashes "
    "after the request has been sent). The tricky vectors pass 'UpdateImageResponse'; this affects only "
    "response parsing.",
]

ACS3_NOTES = COMMON_NOTES + [
    "All observations agree with signing.md section 2. The notes below add to it.",
    "In alibabacloud_tea_openapi 0.4.6 the signer lives in alibabacloud_tea_openapi.utils (Utils."
    "get_authorization, get_canonical_query_string, get_canonicalized_headers, signature_method). The separate "
    "alibabacloud_openapi_util package is neither installed nor used, and the HTTP layer is darabonba-core "
    "(requests).",
    "Accept-Encoding: identity is added by http.client and is the FIRST header on the wire, before host. The "
    "SDK headers follow in dict insertion order, then Authorization, then Content-Length.",
    "The user-agent is 'AlibabaCloud (<platform.system()>; <platform.machine()>) Python/<python_version()> "
    "Core/<Tea.__version__> TeaDSL/2 <Config.user_agent>'. Config.user_agent can only append, so these "
    "vectors depend on the OS, architecture and Python version that generated them (see sdk.python). The "
    "vector carries the exact header, and it is signed.",
    "Config.protocol ('http' here) overrides the generated Params.protocol ('HTTPS'). The endpoint "
    "'127.0.0.1:18765' goes verbatim into the host header.",
    "ACS3 signs the same way for style 'RPC' and 'ROA'. Style only decides whether RPC headers are merged "
    "and where a bearer token goes.",
]

RPC_NOTES = COMMON_NOTES + [
    "All observations agree with signing.md section 3. The notes below add to it.",
    "input.body_params is Utils.query(body): the flattened body in insertion order, not sorted, with str() "
    "values (so 3 becomes '3'). The form body string itself is key-sorted and urlencoded with quote_plus. "
    "expected.signed_params is the merged dict the SDK passed to Utils.get_rpcsignature.",
    "With Config.signature_algorithm='v2', call_api sends style 'ROA' to do_roarequest (the legacy ROA "
    "HMAC-SHA1 signature with a Date header), not to the RPC signer. So the RPC GET vector uses style 'RPC' "
    "with method GET.",
    "Wire header order: Accept-Encoding: identity (from http.client) first, then host, x-acs-version, "
    "x-acs-action, user-agent, [content-type], x-acs-credentials-provider, then Content-Length for "
    "POST/PUT. None of them is signed. There is no accept header, no x-acs-date and no nonce header.",
    "The user-agent depends on the environment, as for ACS3, but the RPC signature covers only query and "
    "body parameters, so the signature does not depend on the user-agent.",
]


WIRE_NOTES = COMMON_NOTES + [
    "All observations agree with signing.md sections 1-3. This file is about what goes on the wire for list "
    "parameters and request bodies; the notes below add to signing.md.",
    "Fields added in this file: 'scheme' per vector; input.request_params = the ECS request model's to_map() "
    "(wire names, JSON-typed values; the empty lists to_map() always adds are left out); expected.method, "
    "expected.path, expected.wire_query (the query string exactly as received, null when there was none), "
    "expected.wire_query_pairs (wire_query split in order and decoded with parse_qsl, so '+' is a space), "
    "expected.wire_body_sha256 (null when there was no body); and 'response': the status and body the capture "
    "server answered (the API page's JSON sample) with the SDK's parsed result (sdk_body = the response model's "
    "to_map(); sdk_model_tree = the model class of each node and each leaf's declared type).",
    "RPC vectors carry expected.canonicalized_query_string. It is DERIVED, not recorded: the third '&' part of "
    "the SDK's string_to_sign, decoded with unquote_plus; the script asserts that quote_plus(safe='~') gives the "
    "SDK's text back.",
    "ECS list flattening: the generated client puts the request's model lists as they are into a dict "
    "(keys in alphabetical wire-name order) and calls Utils.query (alibabacloud_tea_openapi/utils.py, "
    "_object_handler): a list item gets the key '<Name>.<index+1>' (1-based), a model item is expanded through "
    "its to_map(), so the fields of one item follow to_map() order: Key then Value for Tag and Filter; "
    "Device, DiskType, Size, SnapshotId (alphabetical, whatever order the caller gave) for DiskDeviceMapping. "
    "Unset fields are left out. Every leaf is str(value).",
    "Wire order is insertion order (urlencode of the final query dict): Tag.1 ... Tag.9, Tag.10, Tag.11. Only "
    "the canonical strings sort the keys as strings (Tag.1.*, Tag.10.*, Tag.11.*, Tag.2.*, ...), for ACS3 and "
    "RPC alike. See the two 11-tags vectors.",
    "Booleans are str(bool): 'True'/'False' (capitalised) in the query for ACS3 and for RPC v1 "
    "(IsSupportIoOptimized=True, ShowExpired=False, DryRun=False). Ints are str(int).",
    "Status 'Available,Creating' is one string parameter: ',' is %2C on the wire and in the canonical query.",
    "The ECS request models have only Key/Value tag fields: the deprecated lowercase Tag.N.key / Tag.N.value "
    "rows of the API pages do not exist in alibabacloud_ecs20140526 7.11.8.",
    "CreateImage: ClientToken is sent only when the caller sets it. Neither the ECS client nor "
    "alibabacloud_tea_openapi / darabonba fills in a ClientToken.",
    "DescribeImages response: the SDK expects the double nesting Images.Image[] (DescribeImagesResponseBody."
    "images: DescribeImagesResponseBodyImages with a list 'image'), and likewise DiskDeviceMappings."
    "DiskDeviceMapping[] and Tags.Tag[] inside an image. It parses the page's sample losslessly (sdk_body == "
    "body). Declared types that match the page's sample but may surprise: DiskDeviceMapping.Size is str (the "
    "sample has \"60\"), the image's Size is int, IsSelfShared is str (\"False\").",
    "Huawei DELETE with a body: Content-Type application/json;charset=utf-8 (signed); the body model is "
    "serialised with simplejson.dumps (separators ', ' and ': '), giving {\"delete_backup\": true}; the payload "
    "hash in the canonical request is the SHA-256 of those bytes (asserted). An empty body model is still sent as "
    "'{}'; no body model gives Content-Length: 0 and the empty-payload hash, with Content-Type still signed.",
]


def main():
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out-dir", default=OUT_DIR,
                    help="where to write the fixtures (default: runtime/tests/vectors)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if any fixture in --out-dir differs from what would be written")
    args = ap.parse_args()

    started = time.monotonic()
    thread = threading.Thread(target=SERVER.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        hw = huawei_vectors()
        acs3 = acs3_vectors()
        rpc = rpc_vectors()
        wire = wire_vectors()
    finally:
        SERVER.shutdown()
        SERVER.server_close()

    common = ("requests", "urllib3")
    hw_doc = {
        "scheme": "SDK-HMAC-SHA256",
        "sdk": versions("huaweicloudsdkcore", "huaweicloudsdkworkspaceapp", "huaweicloudsdkims",
                        "huaweicloudsdkclouddc", "simplejson", *common),
        "notes": HW_NOTES,
        "vectors": hw,
    }
    ali_pkgs = ("alibabacloud_ecs20140526", "alibabacloud_tea_openapi", "alibabacloud-credentials",
                "alibabacloud-tea", "darabonba-core") + common
    ali_sdk = versions(*ali_pkgs)
    ali_sdk["python"] = platform.python_version()  # part of the SDK's user-agent header
    acs3_doc = {"scheme": "ACS3-HMAC-SHA256", "sdk": ali_sdk, "notes": ACS3_NOTES, "vectors": acs3}
    rpc_doc = {"scheme": "RPC-HMAC-SHA1 (SignatureVersion 1.0, Config.signature_algorithm='v2')",
               "sdk": dict(ali_sdk), "notes": RPC_NOTES, "vectors": rpc}
    wire_sdk = versions(*(ali_pkgs + ("huaweicloudsdkcore", "huaweicloudsdkims", "simplejson")))
    wire_sdk["python"] = platform.python_version()
    wire_doc = {"scheme": "mixed: ACS3-HMAC-SHA256, RPC-HMAC-SHA1 and SDK-HMAC-SHA256 (see each vector's scheme)",
                "sdk": wire_sdk, "notes": WIRE_NOTES, "vectors": wire}
    stale = []
    for fname, doc in (("huawei_sdk_hmac_sha256.json", hw_doc),
                       ("alibaba_acs3_hmac_sha256.json", acs3_doc),
                       ("alibaba_rpc_hmac_sha1.json", rpc_doc),
                       ("wire_lists_and_bodies.json", wire_doc)):
        if args.check:
            path = os.path.join(args.out_dir, fname)
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    same = f.read() == fixture_text(doc)
            except FileNotFoundError:
                same = False
            print("%s %s (%d vectors)" % ("same   " if same else "DIFFERS", path, len(doc["vectors"])))
            if not same:
                stale.append(fname)
            continue
        path = write_fixture(fname, doc, args.out_dir)
        print("wrote %s (%d vectors)" % (os.path.relpath(path, os.getcwd()), len(doc["vectors"])))
    print("done in %.2fs" % (time.monotonic() - started))
    if stale:
        sys.exit(1)


if __name__ == "__main__":
    main()
