"""The skill as an HTTPS web service: Flask + flask-ask-sdk, Alexa request verification on.

Importing this package first installs the oscrypto fix (see ``openssl_compat``), so every
module below can import flask_ask_sdk at the top, on any OpenSSL version.
"""

from webservice import openssl_compat

openssl_compat.install()
