"""The skill as an HTTPS web service: Flask under gunicorn, Alexa request verification on.

Importing this package first installs the oscrypto fix (see ``openssl_compat``), so every
module below can import the ASK SDK's verifiers at the top, on any OpenSSL version.
"""

from webservice import openssl_compat

openssl_compat.install()
