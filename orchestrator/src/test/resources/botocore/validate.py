"""Validates one AWS request against botocore's published API model.

Reads {"service": ..., "operation": ..., "request": {...}} on stdin; prints a JSON list of problems (empty when the
request is valid): botocore's ParamValidator (required members, types, ranges, list sizes, enums) and, which it does
not check: every string member's "pattern" matched in full (Java-style regular expressions, as AWS enforces them;
one Python's re cannot compile is reported as unchecked), and the "max" sizes of strings and lists (ParamValidator
checks only the minimums).
"""
import json
import re
import sys

import botocore.session
from botocore.validate import ParamValidator


def patterns(shape, value, path, problems):
    most = shape.metadata.get("max")
    if most is not None and isinstance(value, (str, list)) and len(value) > most:
        problems.append("%s: %d %s, more than the %d allowed" % (path, len(value),
                        "characters" if isinstance(value, str) else "items", most))
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                patterns(member, value[name], path + "." + name, problems)
    elif shape.type_name == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            patterns(shape.member, item, "%s[%d]" % (path, i), problems)
    elif shape.type_name == "map" and isinstance(value, dict):
        for k, v in value.items():
            patterns(shape.key, k, path + " key", problems)
            patterns(shape.value, v, path + "." + k, problems)
    elif shape.type_name == "string" and isinstance(value, str):
        pattern = shape.metadata.get("pattern")
        if pattern is None:
            return
        try:
            compiled = re.compile(pattern)
        except re.error:
            print("%s: pattern %s unchecked (not a Python regular expression)" % (path, pattern), file=sys.stderr)
            return
        if compiled.fullmatch(value) is None:
            problems.append("%s: %r does not match the pattern %s" % (path, value, pattern))


def main():
    given = json.load(sys.stdin)
    model = botocore.session.get_session().get_service_model(given["service"])
    shape = model.operation_model(given["operation"]).input_shape
    problems = []
    report = ParamValidator().validate(given["request"], shape)
    if report.has_errors():
        problems.extend(line.strip() for line in report.generate_report().splitlines()[1:] if line.strip())
    patterns(shape, given["request"], given["operation"], problems)
    json.dump(problems, sys.stdout)


main()
