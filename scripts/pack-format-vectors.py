#!/usr/bin/env python3
"""Reference encoder and reader for Exposure pack format v2 (docs/pack-format.md).

This script is the reference that produced docs/vectors/pack-v2/. It follows the normative text
of docs/pack-format.md step by step and is deliberately plain: no speed tricks, no dependency
beyond the Python 3 standard library (sqlite3, hashlib.blake2b). Where it and the document
disagree, the document wins and this script has a bug.

Usage:
    scripts/pack-format-vectors.py [OUT_DIR]     # default: docs/vectors/pack-v2

Its reader (`Pack`) makes the checks of the header, schema, parameters, palette, hash tree and
buckets; it leaves out the checks v2 keeps from v1 (titles, salt, argon2 cost, class table).

It is deterministic: the synthetic keys come from a seeded generator (BLAKE2b in counter mode,
see `synthetic_entries`), every timestamp and salt is fixed, and running it twice writes the same
text files. The `.exposure` files it writes are SQLite files made by Python's SQLite; their bytes
may differ from Exposure's (another SQLite version writes other header bytes), their content and
root may not.
"""

import hashlib
import json
import os
import sqlite3
import sys

# --- Constants of format v2 (docs/pack-format.md, "Constants") -----------------------------------

APPLICATION_ID = 0x4558504F  # "EXPO", as v1
USER_VERSION = 2
PAGE_SIZE = 16384
KEY_BITS = 72  # bits of the 16-byte argon2id output stored
BUCKET_TARGET = 256  # T: the mean bucket holds more than T/2 and at most T entries
MAX_BUCKET_BITS = 32
TREE_ARITY = 255  # A: children of a hash-tree node
MAX_BUCKET_ENTRIES = 65535
MAX_BUCKET_BYTES = 524288
MAX_PALETTE = 65536
MAX_CODE_RICE = 16

DOMAIN_BUCKET = 0x01
DOMAIN_NODE = 0x02
DOMAIN_META = 0x03
DOMAIN_BREACHES = 0x04
DOMAIN_PALETTE = 0x05
DOMAIN_ROOT = 0x06

SCHEMA = [
    ("breaches",
     "CREATE TABLE breaches (id INTEGER PRIMARY KEY, slug TEXT NOT NULL, title TEXT NOT NULL, "
     "description TEXT NOT NULL, date TEXT, record_count INTEGER NOT NULL, data_classes TEXT NOT NULL, "
     "verified INTEGER NOT NULL, sensitive INTEGER NOT NULL)"),
    ("buckets", "CREATE TABLE buckets (id INTEGER PRIMARY KEY, data BLOB NOT NULL)"),
    ("meta", "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"),
    ("nodes", "CREATE TABLE nodes (id INTEGER PRIMARY KEY, hashes BLOB NOT NULL)"),
    ("palette",
     "CREATE TABLE palette (code INTEGER PRIMARY KEY, breach INTEGER NOT NULL, "
     "classes INTEGER NOT NULL, entries INTEGER NOT NULL)"),
]
# The order in which the writer creates the tables (their root pages are 2..6 in this order).
CREATE_ORDER = ["meta", "breaches", "palette", "buckets", "nodes"]


class Refused(Exception):
    """The pack is refused; the text says which check failed."""


def h(*parts):
    """BLAKE2b-256 (digest size 32, no key, no salt, no personalisation) of the concatenation."""
    return hashlib.blake2b(b"".join(parts), digest_size=32).digest()


def u64(n):
    return n.to_bytes(8, "big")


# --- Parameters chosen from the entry count ------------------------------------------------------

def bucket_bits(n):
    """The smallest b >= 0 with n <= T * 2^b."""
    b = 0
    while n > BUCKET_TARGET << b:
        b += 1
    return b


def ceil_log2(n):
    return (n - 1).bit_length() if n > 1 else 0


def rice_k(n):
    """k = 72 - ceil(log2 max(n, 1)): the mean gap between stored prefixes is 2^72 / n."""
    return KEY_BITS - ceil_log2(max(n, 1))


def code_cost(counts, c):
    return sum(count * (1 + c + (code >> c)) for code, count in enumerate(counts))


def code_rice(counts):
    """The c in 0..16 that makes the codes shortest in total (the smallest such c); 0 when P <= 1."""
    if len(counts) <= 1:
        return 0
    costs = [code_cost(counts, c) for c in range(MAX_CODE_RICE + 1)]
    return costs.index(min(costs))


def level_counts(buckets):
    """N_0 = B buckets, N_l = ceil(N_{l-1} / A) nodes at level l, up to the level of one node."""
    counts = [buckets]
    while True:
        counts.append(-(-counts[-1] // TREE_ARITY))
        if counts[-1] == 1:
            return counts


def node_id(level, index):
    return (level << 32) | index


# --- Canonical value encoding (hashes of meta, breaches, palette) --------------------------------

def enc(value):
    if value is None:
        return b"\x00"
    if isinstance(value, bool):
        raise TypeError("booleans are stored as integers")
    if isinstance(value, int):
        return b"\x01" + value.to_bytes(8, "big", signed=True)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return b"\x03" + len(data).to_bytes(4, "big") + data
    if isinstance(value, bytes):
        return b"\x04" + len(value).to_bytes(4, "big") + value
    raise Refused("a value of an unexpected type (REAL)")


def rows_hash(domain, rows):
    return h(bytes([domain]), *(enc(v) for row in rows for v in row))


def i64(classes):
    """A 64-bit class set as SQLite stores it (two's complement)."""
    return classes - (1 << 64) if classes >= 1 << 63 else classes


# --- Entries --------------------------------------------------------------------------------------

def final_entries(entries):
    """(key16, breach, classes) in any order -> sorted [(prefix72, breach, classes)] with entries of
    equal (prefix, breach) merged (classes OR-ed)."""
    merged = {}
    for key, breach, classes in entries:
        prefix = int.from_bytes(key[:9], "big")
        merged[(prefix, breach)] = merged.get((prefix, breach), 0) | classes
    return sorted((p, br, cl) for (p, br), cl in merged.items())


def make_palette(entries):
    counts = {}
    for _, breach, classes in entries:
        counts[(breach, classes)] = counts.get((breach, classes), 0) + 1
    pairs = sorted(counts, key=lambda pair: (-counts[pair], pair[0], pair[1]))
    if len(pairs) > MAX_PALETTE:
        raise ValueError("more than 65536 distinct (breach, classes) pairs")
    return [(br, cl, counts[(br, cl)]) for br, cl in pairs]


# --- Bit streams ------------------------------------------------------------------------------------

class BitWriter:
    def __init__(self):
        self.bits = []

    def unary(self, q):
        self.bits.append("1" * q + "0")

    def fixed(self, value, width):
        if width:
            self.bits.append(format(value, "0%db" % width))

    def to_bytes(self):
        s = "".join(self.bits)
        s += "0" * (-len(s) % 8)
        return int(s, 2).to_bytes(len(s) // 8, "big") if s else b""


class BitReader:
    def __init__(self, data):
        self.data = data
        self.pos = 0  # in bits
        self.end = len(data) * 8

    def bit(self):
        if self.pos >= self.end:
            raise Refused("bucket: bits end inside an entry")
        byte = self.data[self.pos >> 3]
        value = (byte >> (7 - (self.pos & 7))) & 1
        self.pos += 1
        return value

    def unary(self, limit):
        q = 0
        while self.bit():
            q += 1
            if q > limit:
                raise Refused("bucket: a unary quotient runs past its bound")
        return q

    def fixed(self, width):
        value = 0
        for _ in range(width):
            value = (value << 1) | self.bit()
        return value


def read_count(blob):
    """The bucket's entry count: the first two bytes, an unsigned big-endian integer."""
    if len(blob) < 2:
        raise Refused("bucket: shorter than its entry count")
    return int.from_bytes(blob[:2], "big"), 2


# --- Buckets ----------------------------------------------------------------------------------------

class Params:
    def __init__(self, n, palette):
        self.n = n
        self.b = bucket_bits(n)
        self.width = KEY_BITS - self.b  # bits of a stored suffix
        self.k = rice_k(n)
        self.palette = palette
        self.p = len(palette)
        self.c = code_rice([count for _, _, count in palette])
        self.buckets = 1 << self.b
        self.levels = level_counts(self.buckets)


def encode_bucket(params, bucket):
    """bucket: sorted [(suffix, code)] -> BLOB."""
    if len(bucket) > MAX_BUCKET_ENTRIES:
        raise ValueError("a bucket of more than 65535 entries: keys are not argon2id output")
    w = BitWriter()
    previous = 0
    for suffix, code in bucket:
        delta = suffix - previous
        previous = suffix
        w.unary(delta >> params.k)
        w.fixed(delta & ((1 << params.k) - 1), params.k)
        if params.p > 1:
            w.unary(code >> params.c)
            w.fixed(code & ((1 << params.c) - 1), params.c)
    blob = len(bucket).to_bytes(2, "big") + w.to_bytes()
    if len(blob) > MAX_BUCKET_BYTES:
        raise ValueError("a bucket BLOB of more than 524288 bytes")
    return blob


def decode_bucket(params, blob):
    """BLOB -> [(suffix, code)], refusing every malformed bucket (docs: "Decoding a bucket")."""
    if not isinstance(blob, bytes):
        raise Refused("bucket: not a BLOB")
    if len(blob) > MAX_BUCKET_BYTES:
        raise Refused("bucket: BLOB too long")
    count, start = read_count(blob)
    r = BitReader(blob[start:])
    out = []
    previous = 0
    limit = ((1 << params.width) - 1) >> params.k  # the largest quotient a suffix allows
    code_limit = (params.p - 1) >> params.c if params.p else 0
    for j in range(count):
        q = r.unary(limit)
        delta = (q << params.k) | r.fixed(params.k)
        suffix = previous + delta
        if suffix >> params.width:
            raise Refused("bucket: suffix out of range")
        code = 0
        if params.p > 1:
            code = (r.unary(code_limit) << params.c) | r.fixed(params.c)
        if code >= params.p:
            raise Refused("bucket: palette code out of range")
        if j > 0 and delta == 0 and params.palette[code][0] <= params.palette[out[-1][1]][0]:
            raise Refused("bucket: entries of one key not in increasing breach order")
        out.append((suffix, code))
        previous = suffix
    rest = r.end - r.pos
    if rest >= 8:
        raise Refused("bucket: bytes after the last entry")
    if rest and r.fixed(rest) != 0:
        raise Refused("bucket: non-zero padding")
    return out


def leaf_hash(i, blob):
    return h(bytes([DOMAIN_BUCKET]), u64(i), blob)


def node_hash(level, index, hashes):
    return h(bytes([DOMAIN_NODE]), u64(level), u64(index), hashes)


# --- Writer -------------------------------------------------------------------------------------------

META_V1_FIELDS = ["id", "title", "curator", "created", "salt", "argon2_m", "argon2_t", "argon2_p",
                  "default_region", "data_classes", "demo", "generator", "normalization"]
# The identifier normalization version the vectors' keys are taken to be made under
# (crate::identifier::NORMALIZATION_VERSION of the Rust build that wrote this spec's fix).
NORMALIZATION_VERSION = 2


def write_pack(path, meta_in, breaches, raw_entries, keep=None):
    """Writes a v2 pack at `path`. meta_in: the v1-style fields of META_V1_FIELDS (strings) plus
    "synthetic"; breaches: rows (id, slug, title, description, date, record_count, data_classes,
    verified, sensitive); raw_entries: (key16, breach, classes). Returns a dict of what was
    written (for vectors). `keep`: collect bucket and node BLOBs when true."""
    entries = final_entries(raw_entries)
    n = len(entries)
    palette = make_palette(entries)
    params = Params(n, palette)
    code_of = {(br, cl): code for code, (br, cl, _) in enumerate(palette)}

    if os.path.exists(path):
        os.remove(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA page_size = %d" % PAGE_SIZE)
    conn.execute("PRAGMA auto_vacuum = NONE")
    conn.execute("PRAGMA encoding = 'UTF-8'")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA application_id = %d" % APPLICATION_ID)
    conn.execute("PRAGMA user_version = %d" % USER_VERSION)
    conn.execute("BEGIN")
    sql = dict(SCHEMA)
    for name in CREATE_ORDER:
        conn.execute(sql[name])
    breach_rows = sorted(breaches)
    conn.executemany("INSERT INTO breaches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", breach_rows)
    palette_rows = [(code, br, i64(cl), count) for code, (br, cl, count) in enumerate(palette)]
    conn.executemany("INSERT INTO palette VALUES (?, ?, ?, ?)", palette_rows)

    out = {"params": params, "buckets": [], "nodes": {}}
    level1 = []
    shift = params.width
    mask = (1 << shift) - 1
    position = 0
    insert_bucket = "INSERT INTO buckets (id, data) VALUES (?, ?)"
    insert_node = "INSERT INTO nodes (id, hashes) VALUES (?, ?)"
    for i in range(params.buckets):
        bucket = []
        while position < n and entries[position][0] >> shift == i:
            prefix, br, cl = entries[position]
            bucket.append((prefix & mask, code_of[(br, cl)]))
            position += 1
        blob = encode_bucket(params, bucket)
        conn.execute(insert_bucket, (i, blob))
        if keep:
            out["buckets"].append(blob)
        level1.append(leaf_hash(i, blob))
        if len(level1) == TREE_ARITY or i == params.buckets - 1:
            j = i // TREE_ARITY
            node = b"".join(level1)
            conn.execute(insert_node, (node_id(1, j), node))
            if keep:
                out["nodes"][(1, j)] = node
            level1 = []
    # Levels 2.. are made from the level below, read back from the table in index order.
    top = None
    for level in range(1, len(params.levels)):
        count = params.levels[level]
        if count == 1:
            (node,) = conn.execute("SELECT hashes FROM nodes WHERE id = ?",
                                   (node_id(level, 0),)).fetchone()
            top = node_hash(level, 0, node)
            break
        pending = []
        for j in range(count):
            (node,) = conn.execute("SELECT hashes FROM nodes WHERE id = ?",
                                   (node_id(level, j),)).fetchone()
            pending.append(node_hash(level, j, node))
            if len(pending) == TREE_ARITY or j == count - 1:
                parent = b"".join(pending)
                conn.execute(insert_node, (node_id(level + 1, j // TREE_ARITY), parent))
                if keep:
                    out["nodes"][(level + 1, j // TREE_ARITY)] = parent
                pending = []

    meta = dict(meta_in)
    meta.update({
        "format": "exposure-pack",
        "format_version": "2",
        "key_length": "16",
        "key_bits": str(KEY_BITS),
        "entry_count": str(n),
        "bucket_bits": str(params.b),
        "rice_k": str(params.k),
        "code_rice": str(params.c),
        "palette_size": str(params.p),
        "tree_arity": str(TREE_ARITY),
        "tree_levels": str(len(params.levels) - 1),
    })
    meta_rows = sorted(meta.items(), key=lambda kv: kv[0].encode("utf-8"))
    hashes = {
        "meta": rows_hash(DOMAIN_META, meta_rows),
        "breaches": rows_hash(DOMAIN_BREACHES, breach_rows),
        "palette": rows_hash(DOMAIN_PALETTE, palette_rows),
        "top": top,
    }
    root = h(bytes([DOMAIN_ROOT]), hashes["meta"], hashes["breaches"], hashes["palette"], top)
    meta_rows.append(("root", root.hex()))
    meta_rows.sort(key=lambda kv: kv[0].encode("utf-8"))
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta_rows)
    conn.execute("COMMIT")
    conn.close()
    out.update({"entries": entries, "meta": meta_rows, "breaches": breach_rows,
                "palette": palette_rows, "hashes": hashes, "root": root})
    return out


# --- Reader (open and lookup, as docs/pack-format.md "Opening" and "Lookup") -----------------------

class Pack:
    def __init__(self, path, trusted_root=None):
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            header = f.read(100)
        if len(header) < 100 or header[:16] != b"SQLite format 3\x00":
            raise Refused("not SQLite")
        if int.from_bytes(header[16:18], "big") != PAGE_SIZE:
            raise Refused("page size")
        if header[18] != 1 or header[19] != 1:
            raise Refused("not a rollback-journal file")
        if header[20] != 0:
            raise Refused("reserved bytes")
        if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
            raise Refused("not a pack")
        if int.from_bytes(header[60:64], "big") != USER_VERSION:
            raise Refused("version")
        pages = int.from_bytes(header[28:32], "big")
        if header[24:28] != header[92:96] or pages * PAGE_SIZE != size:
            raise Refused("page count does not match the file size")
        if int.from_bytes(header[32:40], "big") != 0:
            raise Refused("free pages")
        if int.from_bytes(header[44:48], "big") != 4 or int.from_bytes(header[56:60], "big") != 1:
            raise Refused("schema format or text encoding")
        if int.from_bytes(header[52:56], "big") or int.from_bytes(header[64:68], "big"):
            raise Refused("auto-vacuum")
        self.conn = sqlite3.connect("file:%s?mode=ro&immutable=1" % path, uri=True)
        c = self.conn
        for pragma in ("PRAGMA mmap_size = 0", "PRAGMA trusted_schema = OFF",
                       "PRAGMA cell_size_check = ON", "PRAGMA query_only = ON"):
            c.execute(pragma)
        schema = c.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name").fetchall()
        if schema != [("table", name, name, sql) for name, sql in SCHEMA]:
            raise Refused("schema")
        meta_rows = c.execute("SELECT key, value FROM meta ORDER BY key").fetchall()
        if len(meta_rows) > 64:
            raise Refused("meta: too many rows")
        meta = dict(meta_rows)
        stored_root = meta.get("root")
        meta_hash = rows_hash(DOMAIN_META, [r for r in meta_rows if r[0] != "root"])
        breach_rows = c.execute("SELECT * FROM breaches ORDER BY id").fetchall()
        palette_rows = c.execute("SELECT * FROM palette ORDER BY code").fetchall()
        if len(palette_rows) > MAX_PALETTE or len(breach_rows) > 65536:
            raise Refused("too many palette or breach rows")
        breaches_hash = rows_hash(DOMAIN_BREACHES, breach_rows)
        palette_hash = rows_hash(DOMAIN_PALETTE, palette_rows)

        def number(key, low=0, high=1 << 62):
            text = meta.get(key)
            if text is None or not text.isdigit() or (text != "0" and text[0] == "0"):
                raise Refused("meta: " + key)
            value = int(text)
            if not low <= value <= high:
                raise Refused("meta: " + key)
            return value

        if meta.get("format") != "exposure-pack" or meta.get("format_version") != "2":
            raise Refused("meta: format")
        if number("key_length") != 16 or number("key_bits") != KEY_BITS:
            raise Refused("meta: key_bits")
        if not 1 <= number("normalization") <= NORMALIZATION_VERSION:
            raise Refused("meta: normalization")
        n = number("entry_count")
        palette = [(br, cl & ((1 << 64) - 1), count) for code, br, cl, count in palette_rows]
        self.params = params = Params(n, palette)
        if (number("bucket_bits") != params.b or params.b > MAX_BUCKET_BITS
                or number("rice_k") != params.k or number("palette_size") != params.p
                or number("code_rice", 0, MAX_CODE_RICE) != params.c
                or number("tree_arity") != TREE_ARITY
                or number("tree_levels") != len(params.levels) - 1):
            raise Refused("meta: parameters do not follow from entry_count and the palette")
        # Palette: dense codes, canonical order, known breaches, counts summing to n.
        breach_ids = {row[0] for row in breach_rows}
        if [row[0] for row in palette_rows] != list(range(len(palette_rows))):
            raise Refused("palette: codes not dense")
        keys = [(-count, br, cl) for br, cl, count in palette]
        if any(a >= b for a, b in zip(keys, keys[1:])):
            raise Refused("palette: not in canonical order")
        if any(br not in breach_ids or count < 1 for br, _, count in palette):
            raise Refused("palette: unknown breach or empty pair")
        if sum(count for _, _, count in palette) != n:
            raise Refused("palette: counts do not sum to entry_count")
        # The top node, and the root.
        levels = len(params.levels) - 1
        row = c.execute("SELECT hashes FROM nodes WHERE id = ?", (node_id(levels, 0),)).fetchone()
        if row is None:
            raise Refused("missing top node")
        self.top = self.check_node(levels, 0, row[0])
        root = h(bytes([DOMAIN_ROOT]), meta_hash, breaches_hash, palette_hash,
                 node_hash(levels, 0, self.top))
        if stored_root != root.hex():
            raise Refused("root does not match the pack's content (damaged)")
        if trusted_root is not None and trusted_root != root.hex():
            raise Refused("root does not match the signature's trusted comment")
        self.root = root

    def check_node(self, level, index, hashes):
        if not isinstance(hashes, bytes):
            raise Refused("node: not a BLOB")
        below = self.params.levels[level - 1]
        children = min(TREE_ARITY, below - index * TREE_ARITY)
        if len(hashes) != 32 * children:
            raise Refused("node: wrong length")
        return hashes

    def bucket_verified(self, i):
        """Reads bucket i and verifies it up to the top node. Returns the BLOB."""
        row = self.conn.execute("SELECT data FROM buckets WHERE id = ?", (i,)).fetchone()
        if row is None:
            raise Refused("missing bucket %d" % i)
        blob = row[0]
        if not isinstance(blob, bytes) or len(blob) > MAX_BUCKET_BYTES:
            raise Refused("bucket: not a BLOB or too long")
        current = leaf_hash(i, blob)
        index = i
        levels = len(self.params.levels) - 1
        for level in range(1, levels + 1):
            j, slot = divmod(index, TREE_ARITY)
            if level == levels:
                hashes = self.top
            else:
                found = self.conn.execute("SELECT hashes FROM nodes WHERE id = ?",
                                          (node_id(level, j),)).fetchone()
                if found is None:
                    raise Refused("missing node")
                hashes = self.check_node(level, j, found[0])
            if hashes[32 * slot:32 * slot + 32] != current:
                raise Refused("bucket %d does not match the hash tree" % i)
            current = node_hash(level, j, hashes)
            index = j
        return blob

    def lookup(self, key):
        p = self.params
        prefix = int.from_bytes(key[:9], "big")
        i, suffix = prefix >> p.width, prefix & ((1 << p.width) - 1)
        entries = decode_bucket(p, self.bucket_verified(i))
        return [(p.palette[code][0], p.palette[code][1]) for s, code in entries if s == suffix]


# --- Synthetic entries and vectors ---------------------------------------------------------------------

def synthetic_entries(seed, count, breaches, classes_choices):
    """Entry i: d = BLAKE2b-256("exposure-pack-vectors\\0" || u32 seed || u64 i); key = d[0..16];
    breach = breaches[d[16] % len(breaches)]; classes = classes_choices[d[17] % len(...)]."""
    out = []
    for i in range(count):
        d = h(b"exposure-pack-vectors\x00", seed.to_bytes(4, "big"), u64(i))
        out.append((d[:16], breaches[d[16] % len(breaches)],
                    classes_choices[d[17] % len(classes_choices)]))
    return out


CLASSES = ["national_ids", "passwords", "police_records", "phone_numbers", "physical_addresses",
           "dates_of_birth", "names", "email_addresses", "delivery_records", "ip_addresses",
           "usernames", "genders"]


def vector_meta(pack_id):
    return {
        "id": pack_id,
        "title": json.dumps({"en": "Test vector " + pack_id}, separators=(",", ":")),
        "curator": "Exposure test vectors",
        "created": "2026-01-01T00:00:00Z",
        "salt": "6578706f737572652d73616c742d3031",
        "argon2_m": "256", "argon2_t": "1", "argon2_p": "1",
        "default_region": "CN",
        "data_classes": json.dumps(CLASSES, separators=(",", ":")),
        "demo": "false",
        "synthetic": "true",
        "generator": "pack-format-vectors.py",
        "normalization": str(NORMALIZATION_VERSION),
    }


def vector_breaches():
    return [
        (0, "vector-one", json.dumps({"en": "Vector breach one"}, separators=(",", ":")),
         json.dumps({"en": "First breach of the test vectors."}, separators=(",", ":")),
         "2022-06-30", 1000, json.dumps(["names", "phone_numbers"], separators=(",", ":")), 1, 0),
        (1, "vector-two", '"Vector breach two"', '"Second breach."', None, 20,
         json.dumps(["email_addresses"], separators=(",", ":")), 0, 1),
    ]


def bits(*names):
    return sum(1 << CLASSES.index(name) for name in names)


def tiny_entries():
    """Hand-made keys covering the special cases: one key in two breaches, two 16-byte keys sharing
    their 72-bit prefix (merged), a key of all zero bits and one of all one bits."""
    k = bytes.fromhex
    phone = bits("names", "phone_numbers")
    email = bits("email_addresses")
    return [
        (k("00000000000000000000000000000000"), 0, phone),
        (k("0123456789abcdef0123456789abcdef"), 0, phone),
        (k("0123456789abcdef0123456789abcdef"), 1, email),
        (k("7a52d1de0cb9bc74e9c4bffedff0d86b"), 0, phone | bits("national_ids")),
        (k("8000000000000000ff00000000000000"), 1, email),
        (k("8000000000000000ff11111111111111"), 1, bits("usernames")),
        (k("cdebfa34e2c75c9d04dcbfb059a1ba1e"), 0, phone),
        (k("ffffffffffffffffffffffffffffffff"), 0, phone),
    ]


def probes(entries, extra):
    """Probe keys with their expected answers: every stored key, and `extra` keys that miss."""
    found = {}
    for key, breach, classes in entries:
        prefix = key[:9]
        found.setdefault(prefix, {})
        found[prefix][breach] = found[prefix].get(breach, 0) | classes
    lines = []
    for key in sorted({key for key, _, _ in entries} | set(extra)):
        hits = sorted(found.get(key[:9], {}).items())
        answer = " ".join("%d:%016x" % (br, cl) for br, cl in hits) or "-"
        lines.append("%s\t%s" % (key.hex(), answer))
    return lines


def write_vector(out_dir, name, raw_entries, extra_probes, dump_buckets=True, generator=None):
    """Writes vector `name`. `generator`: (seed, count, breaches, classes) when the entries are
    synthetic; they are then described by that line instead of listed (for large vectors)."""
    path = os.path.join(out_dir, name + ".exposure")
    result = write_pack(path, vector_meta(name), vector_breaches(), raw_entries, keep=True)
    params = result["params"]
    pack = Pack(path, trusted_root=result["root"].hex())
    lines = ["# pack-v2 vector %s: generated by scripts/pack-format-vectors.py; do not edit" % name]
    lines.append("entries\t%d" % params.n)
    lines.append("bucket_bits\t%d" % params.b)
    lines.append("rice_k\t%d" % params.k)
    lines.append("palette_size\t%d" % params.p)
    lines.append("code_rice\t%d" % params.c)
    lines.append("tree_levels\t%d" % (len(params.levels) - 1))
    for key in ("meta", "breaches", "palette", "top"):
        lines.append("%s_hash\t%s" % (key, result["hashes"][key].hex()))
    lines.append("root\t%s" % result["root"].hex())
    if generator:
        seed, count, breaches, classes = generator
        lines.append("synthetic\tseed=%d count=%d breaches=%s classes=%s" % (
            seed, count, ",".join(map(str, breaches)), ",".join("%016x" % c for c in classes)))
    with open(os.path.join(out_dir, name + ".txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out_dir, name + ".meta.tsv"), "w") as f:
        f.write("# key\tvalue: the rows of meta, in key order, root included\n")
        for key, value in result["meta"]:
            f.write("%s\t%s\n" % (key, value))
    if dump_buckets:
        with open(os.path.join(out_dir, name + ".input.tsv"), "w") as f:
            f.write("# the writer's input triples: key (hex)\tbreach\tclasses (hex u64)\n")
            for key, breach, classes in raw_entries:
                f.write("%s\t%d\t%016x\n" % (key.hex(), breach, classes))
    with open(os.path.join(out_dir, name + ".palette.tsv"), "w") as f:
        f.write("# code\tbreach\tclasses (hex u64)\tentries\n")
        for code, br, cl, count in result["palette"]:
            f.write("%d\t%d\t%016x\t%d\n" % (code, br, cl & ((1 << 64) - 1), count))
    if dump_buckets:
        with open(os.path.join(out_dir, name + ".buckets.tsv"), "w") as f:
            f.write("# bucket id\tBLOB (hex)\n")
            for i, blob in enumerate(result["buckets"]):
                f.write("%d\t%s\n" % (i, blob.hex()))
    else:
        # Only the first, last and a few other buckets: the rest follows from the seed.
        with open(os.path.join(out_dir, name + ".buckets.tsv"), "w") as f:
            f.write("# bucket id\tBLOB (hex): a sample; every bucket follows from the seed\n")
            count = len(result["buckets"])
            for i in sorted({0, 1, count // 2, count - 1}):
                f.write("%d\t%s\n" % (i, result["buckets"][i].hex()))
    with open(os.path.join(out_dir, name + ".nodes.tsv"), "w") as f:
        f.write("# level\tindex\thashes (hex)\n")
        for (level, j), node in sorted(result["nodes"].items()):
            if dump_buckets or level > 1 or j in (0, params.levels[1] - 1):
                f.write("%d\t%d\t%s\n" % (level, j, node.hex()))
    extra = [bytes.fromhex(x) for x in extra_probes]
    with open(os.path.join(out_dir, name + ".probes.tsv"), "w") as f:
        f.write("# key (hex)\tanswer: breach:classes (hex u64) ... or - for a miss\n")
        lines = probes(raw_entries, extra)
        if not dump_buckets:
            # A sample: the keys of entries 0..31, and the extra probes.
            sample = {key.hex() for key, _, _ in raw_entries[:32]} | set(extra_probes)
            lines = [line for line in lines if line.split("\t")[0] in sample]
        for line in lines:
            key = bytes.fromhex(line.split("\t")[0])
            got = pack.lookup(key)
            answer = " ".join("%d:%016x" % hit for hit in sorted(got)) or "-"
            if answer != line.split("\t")[1]:
                raise AssertionError("lookup disagrees for " + line)
            f.write(line + "\n")
    if not dump_buckets:
        os.remove(path)  # large, and it follows from the seed: not kept
    return result


def write_breaches(out_dir):
    with open(os.path.join(out_dir, "breaches.tsv"), "w") as f:
        f.write("# the breaches of every vector: id, slug, title, description, date (\\N: NULL), "
                "record_count, data_classes, verified, sensitive\n")
        for row in vector_breaches():
            f.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "docs", "vectors", "pack-v2")
    os.makedirs(out_dir, exist_ok=True)
    write_breaches(out_dir)
    tiny = tiny_entries()
    write_vector(out_dir, "tiny", tiny, [
        "00000000000000000100000000000000",  # differs from a stored key in bit 71: a miss
        "00000000000000000000000000000001",  # differs only after bit 72: a hit (the prefix matches)
        "7a52d1de0cb9bc74e9c4bffedff0d86c",
        "fffffffffffffffffeffffffffffffff",
    ])
    # "small": four buckets, so bucket selection and empty-bucket handling are exercised.
    small_classes = [bits("names", "phone_numbers"), bits("names", "phone_numbers", "national_ids"),
                     bits("email_addresses")]
    small = synthetic_entries(1, 700, [0, 1], small_classes)
    write_vector(out_dir, "small", small, ["00" * 16, "ff" * 16, "4000000000000000ffffffffffffffff"],
                 generator=(1, 700, [0, 1], small_classes))
    # "deep": 66000 entries: 512 buckets, two tree levels (the top node has 3 children).
    deep_classes = [bits("names", "phone_numbers"), bits("names", "national_ids"),
                    bits("email_addresses")]
    deep = synthetic_entries(2, 66_000, [0, 1], deep_classes)
    write_vector(out_dir, "deep", deep, ["00" * 16, "ff" * 16], dump_buckets=False,
                 generator=(2, 66_000, [0, 1], deep_classes))
    empty = write_vector(out_dir, "empty", [], ["00" * 16])
    return empty


if __name__ == "__main__":
    main()
