"""The spam guard's shipped lists; administrators add to them, or exempt an entry, in the admin
(Spam guard rules), and NEWSROOM_ALLOWED_LINK_DOMAINS adds allowed domains.

The phrases are what online-gambling and similar campaigns write on the government sites they
take over, gathered from the pages they leave there (titles such as "Situs Slot Gacor & Togel
Online Mudah", keyword lists of their landing pages). They are chosen so that ordinary news does
not trip them: government news reports the fight against *judi online*, police news arrests a
*bandar togel*, a schedule has a *slot waktu* and an airport is a *bandara*, so no word of that
news is here on its own, only the promotional phrases built on them ("slot gacor", "situs toto",
"bandar slot"). Matching ignores case, accents, invisible characters, letter-spacing and digits
written for letters ("sl0t g4cor"), at word boundaries.
"""

BLOCKED_PHRASES = (
    # Slot machines: the promotion's own words ("gacor": a slot that "sings", pays out).
    "slot gacor", "situs gacor", "link gacor", "akun gacor", "pola gacor", "jam gacor",
    "gacor hari ini", "server gacor", "maxwin", "slot88", "situs slot terpercaya",
    "situs slot resmi", "agen slot", "bandar slot", "login slot", "slot deposit", "slot pulsa",
    "slot thailand", "slot kamboja", "akun pro thailand", "anti rungkad",
    "rtp live", "rtp slot", "rtp gacor", "bocoran rtp", "scatter hitam", "scatter mahjong",
    "mahjong ways", "gates of olympus", "kakek zeus", "slot zeus", "starlight princess",
    "sweet bonanza", "pragmatic play", "bonus new member", "freebet", "freechip", "pasti wd",
    "pasti jp",
    # Deposits in small amounts and by phone credit, the campaigns' hook.
    "deposit pulsa", "depo pulsa", "depo 5k", "depo 10k", "depo 20k", "depo 25k", "depo 50k",
    "deposit 10rb",
    # Lotteries (togel, toto) and their results pages.
    "togel online", "togel hongkong", "togel singapore", "togel sidney", "togel hk",
    "togel sgp", "bandar togel terpercaya", "prediksi togel", "bocoran togel", "toto macau",
    "situs toto", "toto togel", "keluaran hk", "keluaran sgp", "live draw hk", "live draw sgp",
    # Sports betting, card games, casinos and cockfighting sites.
    "sbobet", "mix parlay", "agen judi bola", "judi bola terpercaya", "situs judi terpercaya",
    "agen judi terpercaya", "judi online terpercaya", "casino online", "live casino",
    "idn poker", "idnplay", "pkv games", "dominoqq", "domino qq", "bandarq", "bandarqq",
    "sv388",
    # Pharmacy and abortion-pill spam.
    "viagra", "cialis", "jual cytotec", "jual obat aborsi", "jual obat penggugur",
    "jual obat kuat", "pembesar penis", "vimax",
    # Loans and search-engine spam.
    "pinjol cepat cair", "pinjol tanpa ktp", "jasa backlink", "backlink murah",
    "jasa seo murah",
)  # fmt: skip

# Refused wherever they appear, links of the body and online links included. Shorteners and
# link-in-bio pages hide where a link leads, which is how these campaigns get past a reviewer:
# a government page links to the real address. An office that relies on one can exempt it.
BLOCKED_DOMAINS = (
    # Shorteners.
    "bit.ly", "s.id", "tinyurl.com", "cutt.ly", "shorturl.at", "rebrand.ly", "t.ly", "rb.gy",
    "is.gd", "ow.ly", "tiny.cc", "shorte.st", "adf.ly",
    # Link-in-bio pages that gambling sites use for their "link alternatif".
    "heylink.me", "linktr.ee", "linkr.bio", "lynk.id", "taplink.cc",
    # Top-level domains of gambling.
    "bet", "casino", "poker", "bingo", "lotto",
)  # fmt: skip

# Where a link may point from a field where links are not expected (a title, a caption…):
# government sites. The site's own host names (ALLOWED_HOSTS) are allowed too.
ALLOWED_DOMAINS = ("go.id",)

# Top-level domains that make a bare name.tld in plain text a link ("slotgacor88.xyz"); a
# written address with http:// or www. is a link whatever its ending. Kept to those in use, so
# that Indonesian abbreviations and academic titles ("Dr.Ir.", "M.Si.") are not taken for one.
LINK_TOP_LEVEL_DOMAINS = frozenset(
    "com net org info biz io co me id xyz top site online club vip live pro app dev link click "
    "shop store fun icu win bet casino poker asia tv cc ly gg to us sg my ph vn th kh cn ru uk "
    "ws su best bio today games website space tech lol mobi cloud buzz monster".split()
)
