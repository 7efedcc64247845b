#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the seed corpus of the payload fuzz targets (tests/fuzz/corpus/fuzz_payload_*/)
with encoders that are not ours: Python's cbor2, msgpack and struct, and protoc --encode
(from tests/fuzz/protos and src/payload/sparkplug_b.proto). A few CBOR inputs that cbor2
does not write (indefinite lengths, simple values) are spelled out byte by byte below.

    tests/fuzz/make_payload_corpus.py   # Debian's python3 (python3-cbor2, python3-msgpack)

The input formats are described at the top of each tests/fuzz/fuzz_payload_*.cpp. Inputs of
fuzzing findings are committed beside the seeds as finding-* and left alone here.
"""
import math
import os
import re
import struct
import subprocess
import sys
from datetime import datetime, timezone
from decimal import Decimal
from fractions import Fraction

import cbor2
import msgpack

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")


def protoc_encode(proto_paths, proto_file, message_type, text):
    arguments = ["protoc"] + ["--proto_path=" + p for p in proto_paths]
    arguments += ["--encode=" + message_type, proto_file]
    return subprocess.run(arguments, input=text.encode(), stdout=subprocess.PIPE,
                          check=True).stdout


def write_corpus(target, seeds):
    """seeds: name -> bytes. Replaces the folder's content but for the inputs of fuzzing
    findings (finding-*), which stay as they were committed."""
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if not name.startswith("finding-"):
            os.remove(os.path.join(folder, name))
    for name, data in sorted(seeds.items()):
        with open(os.path.join(folder, name), "wb") as out:
            out.write(data)
    print("%-24s %3d seeds" % (target, len(seeds)))


def cbor_seeds():
    values = {
        "map": {"t": 21.5, "on": True, "name": "boiler-7", "n": None},
        "array": [1, -2, 300, -70000, 2**40, -2**40, 1.5, "x", b"\x00\xff"],
        "nested": {"a": [{"b": [[], {}], "c": {"d": [1, [2, [3]]]}}]},
        "integer-keys": {1: "one", -1: "minus one", b"k": "bytes key", 2.5: "float key"},
        "bignum": [2**64, -2**64 - 1, 2**70],
        "floats": [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e300, 5e-324],
        "tags": [datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc),
                 cbor2.CBORTag(1, 1700000000), cbor2.CBORTag(99, [True, False]),
                 cbor2.CBORTag(32, "https://example.com/"), Decimal("273.15"),
                 Fraction(1, 3)],
        "simple": [cbor2.CBORSimpleValue(16), cbor2.undefined, True, False, None],
        "strings": ["", "é", "日本語", "\u0000", b""],
        "deep": [[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]],
        "set": cbor2.CBORTag(258, [1, 2, 3]),
        "text": "just a string",
        "integer": 23,
    }
    seeds = {name: cbor2.dumps(value) for name, value in values.items()}
    seeds["float16"] = bytes.fromhex("f93c00")  # half-precision 1.0
    seeds["float32"] = bytes.fromhex("fa47c35000")  # single-precision 100000.0
    # Indefinite lengths: [_ 1, [2, 3]], {_ "a": 1}, (_ h'01', h'02'), (_ "a", "b").
    seeds["indefinite-array"] = bytes.fromhex("9f018202 03ff".replace(" ", ""))
    seeds["indefinite-map"] = bytes.fromhex("bf616101ff")
    seeds["indefinite-bytes"] = bytes.fromhex("5f41014102ff")
    seeds["indefinite-text"] = bytes.fromhex("7f61616162ff")
    seeds["simple-255"] = bytes.fromhex("f8ff")
    seeds["two-items"] = bytes.fromhex("0102")  # a value followed by another
    return seeds


def msgpack_seeds():
    values = {
        "map": {"t": 21.5, "on": True, "name": "boiler-7", "n": None},
        "array": [1, -2, 300, -70000, 2**40, -2**40, 2**64 - 1, -2**63, 1.5, "x", b"\x00\xff"],
        "nested": {"a": [{"b": [[], {}], "c": {"d": [1, [2, [3]]]}}]},
        "integer-keys": {1: "one", -1: "minus one", b"k": "bytes key"},
        "ext": [msgpack.ExtType(3, b"abc"), msgpack.ExtType(0, b""),
                msgpack.ExtType(127, b"\x00" * 16)],
        "timestamps": [msgpack.Timestamp(1700000000, 0), msgpack.Timestamp(1700000000, 5),
                       msgpack.Timestamp(2**34 + 1, 999999999), msgpack.Timestamp(-1, 0)],
        "floats": [0.0, -0.0, float("inf"), float("nan"), 1e300],
        "strings": ["", "é", "日本語", "a" * 40, "b" * 300],
        "bins": [b"", b"\x01" * 300],
        "deep": [[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]],
        "fixints": list(range(-32, 128, 7)),
        "text": "just a string",
    }
    seeds = {name: msgpack.packb(value, use_bin_type=True) for name, value in values.items()}
    seeds["float32"] = msgpack.packb(1.5, use_single_float=True)
    seeds["big-array16"] = msgpack.packb(list(range(20)))
    seeds["big-map16"] = msgpack.packb({str(i): i for i in range(20)})
    seeds["two-items"] = msgpack.packb(1) + msgpack.packb(2)
    # The 32-bit forms msgpack only writes past 65,535 entries: bin 32, str 32, array 32, map 32.
    seeds["bin32"] = bytes.fromhex("c600000003") + b"abc"
    seeds["str32"] = bytes.fromhex("db00000003") + b"abc"
    seeds["array32"] = bytes.fromhex("dd000000020102")
    seeds["map32"] = bytes.fromhex("df00000001a16101")
    seeds["ext-fixed"] = bytes.fromhex("93d40501d50502a1d6050000000a")
    return seeds


# fuzz_payload_numbers: the first byte picks the format (index into this list, modulo its
# length: the order of Payload::NumberFormat::names()), the rest is the payload.
NUMBER_FORMATS = ["int8", "uint8"] + [
    "%s%d%s" % (kind, bits, endian)
    for kind in ("int", "uint", "float") for bits in (16, 32, 64) if not (kind == "float" and bits == 16)
    for endian in ("le", "be")]


def numbers_seeds():
    codes = {"int": "hiq", "uint": "HIQ", "float": "_fd"}
    seeds = {}
    for index, name in enumerate(NUMBER_FORMATS):
        if name in ("int8", "uint8"):
            code, endian = ("b" if name == "int8" else "B"), "<"
            values = [-128, -1, 0, 1, 127] if name == "int8" else [0, 1, 127, 128, 255]
        else:
            kind = name.rstrip("lbe").rstrip("0123456789")
            bits = int(name[len(kind):-2])
            code = codes[kind][{16: 0, 32: 1, 64: 2}[bits]]
            endian = "<" if name.endswith("le") else ">"
            if kind == "float":
                values = [0.0, -0.0, 1.5, -2.25, 1e30, math.inf, -math.inf, math.nan]
            elif kind == "int":
                values = [0, 1, -1, 2**(bits - 1) - 1, -2**(bits - 1)]
            else:
                values = [0, 1, 2**bits - 1, 2**(bits - 1)]
        seeds[name] = bytes([index]) + struct.pack(endian + code * len(values), *values)
        seeds[name + "-odd"] = bytes([index]) + struct.pack(endian + code, values[1]) + b"\x01"
    return seeds


def strings_of_array(target, array):
    """The string literals of `const char *const ARRAY[] = {...}` in tests/fuzz/TARGET.cpp:
    the topics and types the target picks from, kept in one place."""
    source = open(os.path.join(HERE, target + ".cpp"), encoding="utf-8").read()
    body = re.search(r"\b%s\[\] = \{(.*?)\};" % array, source, re.S).group(1)
    return re.findall(r'"([^"]*)"', body)


# fuzz_payload_protobuf: the first byte picks the message type (index into its Types, modulo
# their count), the rest is the payload.
PROTOBUF_TYPES = strings_of_array("fuzz_payload_protobuf", "Types")

PROTOBUF_TEXTS = {
    "everything-scalars": ("fuzz.Everything", """
        f_double: 2.5 f_float: -1.25 f_int32: -7 f_int64: -9000000000 f_uint32: 4294967295
        f_uint64: 18446744073709551615 f_sint32: -300 f_sint64: -9000000000000
        f_fixed32: 7 f_fixed64: 8 f_sfixed32: -9 f_sfixed64: -10 f_bool: true
        f_string: "h\\303\\251llo" f_bytes: "\\000\\377" kind: NEGATIVE"""),
    "everything-repeated": ("fuzz.Everything", """
        packed_int32: [1, -2, 300] packed_double: [0.5, -1e300] strings: ["a", "", "c"]
        nesteds { id: 1 label: "one" } nesteds { id: 2 children { id: 3 } }
        kinds: [SMALL, LARGE, NEGATIVE] unpacked: [-1, 2, -3] packed_fixed32: [1, 2]"""),
    "everything-maps": ("fuzz.Everything", """
        counts { key: "a" value: 1 } counts { key: "b" value: -2 }
        by_id { key: 7 value { id: 7 label: "seven" } }
        flags { key: true value: "\\001" } flags { key: false value: "" }"""),
    "everything-oneof-name": ("fuzz.Everything", 'name: "chosen"'),
    "everything-oneof-number": ("fuzz.Everything", "number: -42"),
    "everything-oneof-child": ("fuzz.Everything", 'child { id: 1 label: "c" }'),
    "everything-nested": ("fuzz.Everything", """
        nested { id: 1 children { id: 2 children { id: 3 children { id: 4 } } } }
        taken { seconds: 1700000000 nanos: 5 } maybe: 0
        recursive { f_int32: 1 recursive { f_string: "deeper" recursive { kind: SMALL } } }"""),
    "nested": ("fuzz.Everything.Nested", 'id: 5 label: "n" children { id: 6 }'),
    "legacy": ("fuzz.Legacy", """
        id: 1 name: "legacy" Item { value: 4 tag: "t" } Item { value: 5 }
        next { id: 2 } unpacked: [1, 2, 3]
        [fuzz.ext_value]: -5 [fuzz.ext_names]: "x" [fuzz.ext_names]: "y" """),
    "legacy-missing-required": ("fuzz.Legacy", 'name: "no id"'),
}


def protobuf_seeds():
    seeds = {}
    proto_paths = [os.path.join(HERE, "protos"), "/usr/include"]
    for name, (message_type, text) in PROTOBUF_TEXTS.items():
        proto_file = "fuzz/legacy.proto" if message_type == "fuzz.Legacy" else "fuzz/everything.proto"
        if name == "legacy-missing-required":
            # protoc refuses to encode it: a valid Legacy without its id, spelled out.
            data = bytes.fromhex("12") + bytes([len(b"no id")]) + b"no id"
        else:
            data = protoc_encode(proto_paths, proto_file, message_type, text)
        seeds[name] = bytes([PROTOBUF_TYPES.index(message_type)]) + data
    return seeds


# fuzz_payload_sparkplug: records of [topic index: 1 byte][length: 2 bytes, big endian][payload],
# one message each, in arrival order; the index picks one of its Topics (modulo their count).
SPARKPLUG_TOPICS = strings_of_array("fuzz_payload_sparkplug", "Topics")

SPARKPLUG_TEXTS = {
    "nbirth": """timestamp: 1700000000000 seq: 254
        metrics { name: "bdSeq" datatype: 8 long_value: 7 }
        metrics { name: "Temperature" alias: 1 datatype: 9 float_value: 20 }
        metrics { name: "Counter" alias: 2 datatype: 3 int_value: 4294967291 }
        metrics { name: "Label" alias: 3 datatype: 12 string_value: "boiler" }
        metrics { name: "Samples" alias: 4 datatype: 23 bytes_value: "\\001\\000\\376\\377" }
        metrics { name: "When" alias: 5 datatype: 13 long_value: 1700000000000 }
        metrics { name: "Flags" alias: 6 datatype: 32 bytes_value: "\\003\\000\\000\\000\\005" }
        metrics { name: "Names" alias: 7 datatype: 33 bytes_value: "a\\000bc\\000" }
        metrics { name: "Props" alias: 8 datatype: 10 double_value: 1.5
                  properties { keys: "unit" keys: "limits"
                               values { type: 12 string_value: "C" }
                               values { type: 20 propertyset_value { keys: "hi"
                                        values { type: 9 float_value: 90 } } } } }
        metrics { name: "Table" alias: 9 datatype: 16
                  dataset_value { num_of_columns: 2 columns: "a" columns: "b" types: 3 types: 12
                                  rows { elements { int_value: 1 } elements { string_value: "x" } } } }
        metrics { name: "Tmpl" alias: 10 datatype: 19
                  template_value { version: "1" template_ref: "Motor" is_definition: false
                                   metrics { name: "rpm" datatype: 3 int_value: 1500 }
                                   parameters { name: "p" type: 3 int_value: 1 } } }
        metrics { name: "Nothing" alias: 11 datatype: 12 is_null: true }""",
    "ndata-255": """timestamp: 1700000001000 seq: 255
        metrics { alias: 1 float_value: 21.5 } metrics { alias: 2 int_value: 5 }""",
    "ndata-0": """timestamp: 1700000002000 seq: 0
        metrics { alias: 3 string_value: "pump" } metrics { alias: 99 int_value: 1 }""",
    "ndata-gap": "timestamp: 1700000003000 seq: 5 metrics { alias: 1 float_value: 22 }",
    "dbirth": """timestamp: 1700000004000 seq: 1
        metrics { name: "Level" alias: 20 datatype: 10 double_value: 0.5 }""",
    "ddata": "timestamp: 1700000005000 seq: 2 metrics { alias: 20 double_value: 0.75 }",
    "ddeath": "timestamp: 1700000006000 seq: 3",
    "ncmd": 'timestamp: 1700000007000 metrics { name: "Node Control/Rebirth" datatype: 11 boolean_value: true }',
    "ndeath": 'timestamp: 1700000008000 metrics { name: "bdSeq" datatype: 8 long_value: 7 }',
    "ndeath-old": 'metrics { name: "bdSeq" datatype: 8 long_value: 6 }',
}


def sparkplug_seeds():
    proto_dir = os.path.join(ROOT, "src", "payload")
    encoded = {name: protoc_encode([proto_dir], "sparkplug_b.proto",
                                   "org.eclipse.tahu.protobuf.Payload", text)
               for name, text in SPARKPLUG_TEXTS.items()}
    encoded["state-3.0"] = b'{"online": true, "timestamp": 1700000000000}'
    encoded["state-2.2"] = b"ONLINE"

    def record(topic, name):
        data = encoded[name]
        return bytes([SPARKPLUG_TOPICS.index(topic)]) + struct.pack(">H", len(data)) + data

    node = "spBv1.0/Plant1/%s/Gateway7"
    device = "spBv1.0/Plant1/%s/Gateway7/Pump1"
    sessions = {
        "node-session": [(node % "NBIRTH", "nbirth"), (node % "NDATA", "ndata-255"),
                         (node % "NDATA", "ndata-0"), (node % "NDATA", "ndata-gap"),
                         (node % "NCMD", "ncmd"), (node % "NDEATH", "ndeath-old"),
                         (node % "NDEATH", "ndeath")],
        "device-session": [(node % "NBIRTH", "nbirth"), (device % "DBIRTH", "dbirth"),
                           (device % "DDATA", "ddata"), (device % "DDEATH", "ddeath"),
                           (device % "DDATA", "ddata")],
        "data-before-birth": [(node % "NDATA", "ndata-255"), (device % "DDATA", "ddata")],
        "states": [("spBv1.0/STATE/host1", "state-3.0"), ("STATE/host1", "state-2.2")],
        "two-nodes": [("spBv1.0/Plant2/NBIRTH/Gateway8", "nbirth"), (node % "NBIRTH", "nbirth"),
                      ("spBv1.0/Plant2/NDATA/Gateway8", "ndata-255")],
        "bad-topics": [("spBv1.0/Plant1/NOPE/Gateway7", "ndata-0"), ("spBv1.0/Plant1", "ddata")],
    }
    return {name: b"".join(record(topic, payload) for topic, payload in steps)
            for name, steps in sessions.items()}


def main():
    write_corpus("fuzz_payload_cbor", cbor_seeds())
    write_corpus("fuzz_payload_msgpack", msgpack_seeds())
    write_corpus("fuzz_payload_numbers", numbers_seeds())
    write_corpus("fuzz_payload_protobuf", protobuf_seeds())
    write_corpus("fuzz_payload_sparkplug", sparkplug_seeds())
    return 0


if __name__ == "__main__":
    sys.exit(main())
