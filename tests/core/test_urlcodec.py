import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import urlcodec

from . import cases as C
from . import portable_checks as P

# Text rich in percent signs, hex digits, '+', '&', '=' and non-ASCII, to reach the decoder's corners.
url_text = st.text(
    alphabet=st.one_of(st.sampled_from("%%%0123456789abcdefABCDEF+&=#?;/ "), st.characters()),
    max_size=60,
)
percent_bytes = st.lists(st.integers(0, 255), max_size=12).map(lambda bs: "".join("%{:02X}".format(b) for b in bs))


@pytest.mark.parametrize("case", C.QUOTE)
def test_quote(case):
    P.verify_quote(case)


@pytest.mark.parametrize("case", C.UNQUOTE)
def test_unquote(case):
    P.verify_unquote(case)


@pytest.mark.parametrize("case", C.UNQUOTE_PLUS)
def test_unquote_plus(case):
    P.verify_unquote_plus(case)


@pytest.mark.parametrize("case", C.PARSE_PAIRS)
def test_parse_pairs(case):
    P.verify_parse_pairs(case)


@pytest.mark.parametrize("case", C.URLENCODE)
def test_urlencode(case):
    P.verify_urlencode(case)


@pytest.mark.parametrize("pairs", C.URLENCODE_BAD)
def test_urlencode_refuses_other_types(pairs):
    P.verify_urlencode_refuses(pairs)


@pytest.mark.parametrize("fn", [urlcodec.quote, urlcodec.unquote, urlcodec.unquote_plus, urlcodec.parse_pairs])
def test_refuses_bytes(fn):
    with pytest.raises(TypeError):
        fn(b"a=1")


@given(st.text(), st.sampled_from(["", "/", ":/", "=&", "~"]))
def test_quote_matches_stdlib(text, safe):
    assert urlcodec.quote(text, safe) == urllib.parse.quote(text, safe=safe)


@given(st.one_of(url_text, percent_bytes))
def test_unquote_matches_stdlib(text):
    assert urlcodec.unquote(text) == urllib.parse.unquote(text)
    assert urlcodec.unquote_plus(text) == urllib.parse.unquote_plus(text)


# Lead and continuation bytes at the edges of UTF-8's ranges, plus any byte.
utf8_edges = st.sampled_from([0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                              0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF])


@given(st.lists(st.one_of(utf8_edges, st.integers(0, 255)), max_size=16).map(bytes))
def test_utf8_decoder_matches_cpython_replace(data):
    assert urlcodec.decode_utf8(data) == data.decode("utf-8", "replace")


@given(url_text)
def test_parse_pairs_matches_parse_qsl(text):
    expected = urllib.parse.parse_qsl(text[1:] if text[:1] in "#?" and text else text, keep_blank_values=True)
    assert urlcodec.parse_pairs(text) == expected
    assert urlcodec.parse_pairs(text) == expected


@given(st.lists(st.tuples(st.text(), st.one_of(st.text(), st.integers()))))
def test_urlencode_matches_stdlib_and_round_trips(pairs):
    encoded = urlcodec.urlencode(pairs)
    assert encoded == urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote, safe="")
    assert encoded == urlcodec.urlencode(pairs)
    assert urllib.parse.parse_qsl(encoded, keep_blank_values=True) == [(k, str(v)) for k, v in pairs]


@given(st.text())
def test_quote_then_unquote_round_trips(text):
    assert urlcodec.unquote(urlcodec.quote(text)) == text
