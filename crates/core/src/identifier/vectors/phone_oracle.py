#!/usr/bin/env python3
"""Re-derive the expected column of phone.tsv from libphonenumber's Python port.

    pip install phonenumbers
    python3 phone_oracle.py [phone.tsv]          # print region, input, oracle result
    python3 phone_oracle.py --check [phone.tsv]  # also compare with the expected column

The result is what exposure's phone normalizer must return: the E.164 string when
phonenumbers.parse succeeds and is_possible_number_with_reason is exactly
IS_POSSIBLE, otherwise "!Reason" with Reason one of the PhoneRejection variants.
Lines that are empty or start with "#" are comments.
"""

import os
import sys

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

PARSE_ERRORS = {
    NumberParseException.INVALID_COUNTRY_CODE: "InvalidCountryCode",
    NumberParseException.NOT_A_NUMBER: "NotANumber",
    NumberParseException.TOO_SHORT_AFTER_IDD: "TooShort",
    NumberParseException.TOO_SHORT_NSN: "TooShort",
    NumberParseException.TOO_LONG: "TooLong",
}

REASONS = {
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "LocalOnly",
    ValidationResult.INVALID_COUNTRY_CODE: "InvalidCountryCode",
    ValidationResult.TOO_SHORT: "TooShort",
    ValidationResult.INVALID_LENGTH: "InvalidLength",
    ValidationResult.TOO_LONG: "TooLong",
}


def oracle(region, text):
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as err:
        return "!" + PARSE_ERRORS[err.error_type]
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.IS_POSSIBLE:
        return phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return "!" + REASONS[reason]


def main(argv):
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    path = paths[0] if paths else os.path.join(os.path.dirname(os.path.abspath(__file__)), "phone.tsv")
    mismatches = 0
    with open(path, encoding="utf-8") as tsv:
        for lineno, line in enumerate(tsv, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            region, text = fields[0], fields[1]
            got = oracle(region, text)
            expected = fields[2] if len(fields) > 2 else ""
            mark = ""
            if check and got != expected:
                mismatches += 1
                mark = "\tMISMATCH (tsv says %s)" % expected
            print("%s\t%s\t%s%s" % (region, text, got, mark))
    print("# phonenumbers %s" % phonenumbers.__version__, file=sys.stderr)
    if check and mismatches:
        print("# %d mismatch(es)" % mismatches, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
