"""Building WeCom / WeChat callbacks the way Tencent's servers do, for tests and benchmarks."""
from __future__ import annotations

import base64
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
from wechatpy.crypto import PrpCrypto

from bot.app import App
from bot.config import Settings
from bot.http import build_http
from bot.wecom.crypto import signature

# Tencent's published WeCom callback sample (WXBizMsgCrypt sample code).
SAMPLE_TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
SAMPLE_AES_KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
SAMPLE_CORP_ID = "ww1436e0e65a779aee"
SAMPLE_URL_CHECK = {
    "msg_signature": "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb", "timestamp": "1476416373", "nonce": "47744683",
    "echostr": "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
}
SAMPLE_URL_ECHO = "1288432023552776189"
SAMPLE_MESSAGE_QUERY = {"msg_signature": "0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "timestamp": "1476422779",
                        "nonce": "1597212914"}
SAMPLE_MESSAGE_BODY = (
    "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA["
    "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+"
    "kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4"
    "ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux0"
    "82f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>"
)


def inner_xml(fields: dict[str, Any]) -> str:
    """A decrypted callback: <xml> with one element per field (text in CDATA, numbers bare)."""
    parts = [f"<{k}>{v}</{k}>" if isinstance(v, int) else f"<{k}><![CDATA[{v}]]></{k}>" for k, v in fields.items()]
    return "<xml>" + "".join(parts) + "</xml>"


def encrypted_callback(plaintext: str, *, token: str, aes_key: str, receive_id: str, timestamp: int,
                       nonce: str = "1597212914") -> tuple[dict[str, str], bytes]:
    """(query parameters, body) of an encrypted callback carrying `plaintext`, signed as Tencent signs."""
    key = base64.b64decode(aes_key + "=")
    encrypted = PrpCrypto(key).encrypt(plaintext, receive_id)
    encrypted = encrypted.decode() if isinstance(encrypted, bytes) else encrypted
    query = {"msg_signature": signature(token, str(timestamp), nonce, encrypted), "timestamp": str(timestamp),
             "nonce": nonce}
    body = (f"<xml><ToUserName><![CDATA[{receive_id}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt>"
            f"<AgentID><![CDATA[1000002]]></AgentID></xml>")
    return query, body.encode()


def tencent_settings(db_url: str, api_base: str, wechat_token: str = "wxtoken") -> Settings:
    """Settings of an app with WeCom (Tencent's sample credentials) and an Official Account on `api_base`."""
    return Settings(YUEBAO_DATABASE_URL=db_url, WECOM_CORP_ID=SAMPLE_CORP_ID, WECOM_AGENT_ID="1000002",
                    WECOM_SECRET="s3cret", WECOM_TOKEN=SAMPLE_TOKEN, WECOM_AES_KEY=SAMPLE_AES_KEY,
                    WECOM_API_BASE=api_base, WECHAT_APP_ID="wxapp", WECHAT_SECRET="wxs3cret",
                    WECHAT_TOKEN=wechat_token, WECHAT_API_BASE=api_base)


@contextlib.asynccontextmanager
async def asgi_client(app: App) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app's ASGI endpoints in process."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_http(app)),
                                 base_url="http://yuebao.test") as http:
        yield http
