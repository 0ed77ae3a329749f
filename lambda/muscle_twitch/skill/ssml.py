"""Plain text to SSML text: the one escaping every spoken reply and the reminder go through.

Speech goes out as SSML, which is XML: three characters would break it as text, and characters
XML forbids (controls, lone surrogates, U+FFFE/FFFF) make SSML Alexa refuses. The core and the
prompt tables write plain text; only the shell turns it into SSML, here.
"""

from __future__ import annotations

import re

# (html.escape does the same; importing html costs a cold start more than all escaping.)
_SSML_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# (Listing what is forbidden compiles about ten times faster than listing what is allowed.)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML cannot carry (for cards, which are not SSML)."""
    return _NOT_XML.sub("", text)


def ssml_text(text: str) -> str:
    """`text` as the content of a <speak> element: read back, it is `text` again."""
    return xml_safe(text).translate(_SSML_TEXT_ESCAPES)
