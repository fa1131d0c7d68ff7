#!/usr/bin/env python3
"""Builds fonts/NotoSansCJKjp-Regular-subset.otf, the CJK face shiplabel bundles.

Noto Sans CJK covers about 65,000 glyphs in 20 MB per weight, too large to ship inside a
crate. Addresses need far fewer: this keeps the characters of the national standard sets
that cover everyday text in each market, so a label for Japan, China, Taiwan, Hong Kong or
Korea prints, and anything rarer is refused by validation with the character named (never
drawn as a box).

Kept (characters at or above U+2000, where Noto Sans stops, and the space):
  - JIS X 0208 (Japanese: 6,355 kanji, kana, symbols), via the euc_jp codec;
  - GB 2312 (simplified Chinese: 6,763 hanzi), via gb2312;
  - Big5 level 1 and symbols (traditional Chinese: 5,401 common hanzi), via big5;
  - KS X 1001's symbols (Korean; its hanja are left out) and all 11,172 Hangul syllables;
  - the CJK punctuation, kana, half-width and full-width blocks whole;
  - every character of the crate's own address data (src/address/regions.rs), so each place
    name it knows prints (Hong Kong's 深水埗 and 鰂魚涌 among them).

Usage (needs fontTools: `pip install fonttools`, and Debian's fonts-noto-cjk):
    python3 fonts/subset-cjk.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"""

import subprocess
import sys
from pathlib import Path

HIGH = range(0xA1, 0xFF)
BIG5_TRAIL = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))


def decoded(encoding, leads, trails):
    """Every character one two-byte sequence of `encoding` decodes to."""
    out = set()
    for lead in leads:
        for trail in trails:
            try:
                text = bytes([lead, trail]).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                out.add(text)
    return out


def whole(first, last):
    return {chr(c) for c in range(first, last + 1)}


def characters(root):
    chars = set((root / "src" / "address" / "regions.rs").read_text(encoding="utf-8"))
    chars |= decoded("euc_jp", HIGH, HIGH)  # JIS X 0208
    chars |= decoded("gb2312", HIGH, HIGH)  # GB 2312
    chars |= decoded("big5", range(0xA1, 0xC7), BIG5_TRAIL)  # Big5 symbols + level 1
    korean = decoded("euc_kr", HIGH, HIGH)  # KS X 1001 ...
    chars |= {c for c in korean if not ("\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")}
    chars |= whole(0xAC00, 0xD7A3)  # every Hangul syllable
    chars |= whole(0x3000, 0x30FF)  # CJK punctuation, hiragana, katakana
    chars |= whole(0x3130, 0x318F)  # Hangul compatibility jamo
    chars |= whole(0x31F0, 0x31FF)  # katakana phonetic extensions
    chars |= whole(0xFF01, 0xFFEF)  # half-width and full-width forms
    # The space too, so a space between ideographs stays in this font's run.
    return sorted({c for c in chars if ord(c) >= 0x2000} | {" "})


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    here = Path(__file__).resolve().parent
    text = here / "cjk-characters.txt"
    text.write_text("".join(characters(here.parent)), encoding="utf-8")
    subprocess.run(
        [
            "pyftsubset",
            sys.argv[1],
            "--font-number=0",  # the collection's first face: Noto Sans CJK JP
            f"--text-file={text}",
            f"--output-file={here / 'NotoSansCJKjp-Regular-subset.otf'}",
            "--no-hinting",
            "--layout-features=ccmp,locl,kern,palt,vert,ljmo,vjmo,tjmo",
            "--name-IDs=*",
        ],
        check=True,
    )
    text.unlink()


if __name__ == "__main__":
    main()
