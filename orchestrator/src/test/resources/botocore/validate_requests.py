"""Validates requests (a JSON list of {"service", "operation", "request"}) against botocore's API models.

botocore's ParamValidator checks required members, types, enums, lengths and ranges; string patterns are matched
here in full, as AWS matches them. Prints one line per problem and exits 1 when there is any.
"""
import json
import re
import sys

import botocore.session
from botocore.validate import ParamValidator


def patterns(operation, shape, value, path, problems):
    if shape.type_name == "structure" and isinstance(value, dict):
        for key, item in value.items():
            if key in shape.members:
                patterns(operation, shape.members[key], item, path + "." + key, problems)
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            patterns(operation, shape.member, item, "%s[%d]" % (path, index), problems)
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            patterns(operation, shape.key, key, path + "<key>", problems)
            patterns(operation, shape.value, item, path + "." + key, problems)
    elif shape.type_name == "string" and isinstance(value, str):
        pattern = shape.metadata.get("pattern")
        if pattern:
            try:
                if not re.fullmatch(pattern, value):
                    problems.append("%s %s: %r does not match %s" % (operation, path, value, pattern))
            except re.error:
                pass  # a Java-only construct (\p{...}): ParamValidator's checks still apply


def main(path):
    session = botocore.session.get_session()
    problems = []
    with open(path) as requests:
        for item in json.load(requests):
            operation = session.get_service_model(item["service"]).operation_model(item["operation"])
            report = ParamValidator().validate(item["request"], operation.input_shape)
            if report.has_errors():
                problems.append(item["operation"] + ": " + report.generate_report())
            patterns(item["operation"], operation.input_shape, item["request"], item["operation"], problems)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
