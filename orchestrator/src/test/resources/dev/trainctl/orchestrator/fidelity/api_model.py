"""Validates AWS requests against AWS's published API models (botocore's service models).

Reads one JSON document per line on stdin and answers one JSON line on stdout for each:
  {"service": "budgets", "operation": "CreateBudget", "request": {...}}
      -> {"findings": [{"path", "rule", "value"}...], "patterns": [{"path", "pattern", "value"}...]}
  {"member": {"service", "operation", "path"}}
      -> {"type", "min", "max", "pattern", "enum", "required"}   (path: Budget.BudgetLimit.Amount, Values[] for an item)
The first line it writes is {"ready": true, "botocore": VERSION}.

Request members use the model's names (as the AWS SDK for Java's SdkField.memberName and the AWS CLI's
--cli-input-json do). Required members, types, unknown members and minimums are checked by botocore's own
ParamValidator; maximums (string length, list and map size, numeric range) and enums here. Patterns are returned,
not matched: they are Java regular expressions, so the caller matches each in full with java.util.regex.
"""
import json
import re
import sys

try:
    import botocore
    import botocore.session
    from botocore.validate import ParamValidator
except ImportError as error:
    print(json.dumps({"ready": False, "error": str(error)}), flush=True)
    sys.exit(0)

SESSION = botocore.session.get_session()
MODELS = {}
# The AWS SDK for Java's package names (and the IAM prefixes trainctl prints) where botocore's differ.
ALIASES = {"servicequotas": "service-quotas", "cloudwatchlogs": "logs", "sagemakerruntime": "sagemaker-runtime"}


def operation_model(service, operation):
    service = ALIASES.get(service, service)
    if service not in MODELS:
        MODELS[service] = SESSION.get_service_model(service)
    model = MODELS[service]
    # The SDK for Java spells some acronyms in mixed case (ListAwsDefaultServiceQuotas, ListMfaDevices).
    names = {name.lower(): name for name in model.operation_names}
    if operation.lower() not in names:
        raise ValueError("%s has no operation %s" % (service, operation))
    return model.operation_model(names[operation.lower()])


def shorten(value):
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 300 else text[:300] + "... (" + str(len(text)) + " characters)"


def walk(value, shape, path, findings, patterns):
    """What ParamValidator leaves out: maximums, enums, and the patterns to match."""
    meta = shape.metadata
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        for name, item in value.items():
            if name in shape.members:
                walk(item, shape.members[name], join(path, name), findings, patterns)
    elif kind == "list" and isinstance(value, list):
        if "max" in meta and len(value) > meta["max"]:
            findings.append({"path": path, "rule": "at most %d items, got %d" % (meta["max"], len(value)),
                             "value": shorten(value)})
        for index, item in enumerate(value):
            walk(item, shape.member, "%s[%d]" % (path, index), findings, patterns)
    elif kind == "map" and isinstance(value, dict):
        if "max" in meta and len(value) > meta["max"]:
            findings.append({"path": path, "rule": "at most %d entries, got %d" % (meta["max"], len(value)),
                             "value": shorten(value)})
        for key, item in value.items():
            walk(key, shape.key, "%s<key %s>" % (path, key), findings, patterns)
            walk(item, shape.value, join(path, key), findings, patterns)
    elif kind == "string" and isinstance(value, str):
        if "max" in meta and len(value) > meta["max"]:
            findings.append({"path": path, "rule": "at most %d characters, got %d" % (meta["max"], len(value)),
                             "value": shorten(value)})
        if shape.enum and value not in shape.enum:
            findings.append({"path": path, "rule": "one of " + ", ".join(shape.enum), "value": shorten(value)})
        if "pattern" in meta:
            patterns.append({"path": path, "pattern": meta["pattern"], "value": value})
    elif kind in ("integer", "long", "float", "double") and isinstance(value, (int, float)) \
            and not isinstance(value, bool):
        if "max" in meta and value > meta["max"]:
            findings.append({"path": path, "rule": "at most %s" % meta["max"], "value": shorten(value)})


def join(path, name):
    return name if not path else path + "." + name


def validate(message):
    shape = operation_model(message["service"], message["operation"]).input_shape
    params = message["request"]
    if shape is None:  # an operation that takes nothing (iam GetAccountSummary)
        return {"findings": [{"path": "", "rule": "unknown member " + name, "value": ""} for name in params],
                "patterns": []}
    findings = []
    report = ParamValidator().validate(params, shape)
    # botocore keeps its findings as (reason, name, details); the name starts with '.' at the top level.
    for reason, name, details in report._errors:
        value = details.get("param", "")
        rule = reason
        if reason == "invalid range":
            rule = "at least %s" % details["min_allowed"]
        elif reason == "invalid length":  # botocore passes the length, not the value
            rule, value = "at least %s characters, got %s" % (details["min_allowed"], value), ""
        elif reason == "invalid type":
            # botocore names the types as str() prints them: "<class 'str'>"
            rule = "type " + " or ".join(re.sub(r"<class '(.*)'>", r"\1", str(t)) for t in details["valid_types"])
        elif reason == "unknown field":
            rule, value = "unknown member " + details["unknown_param"], ""
        elif reason == "missing required field":
            rule, value = "required member " + details["required_name"] + " missing", ""
        findings.append({"path": name.lstrip("."), "rule": rule, "value": shorten(value)})
    patterns = []
    walk(params, shape, "", findings, patterns)
    return {"findings": findings, "patterns": patterns}


def member(message):
    shape = operation_model(message["service"], message["operation"]).input_shape
    parent = None
    for part in message["path"].split("."):
        items = part.endswith("[]")
        parent = shape
        shape = shape.members[part[:-2] if items else part]
        if items:
            shape = shape.member
    leaf = message["path"].split(".")[-1]
    return {"type": shape.type_name, "min": shape.metadata.get("min"), "max": shape.metadata.get("max"),
            "pattern": shape.metadata.get("pattern"), "enum": list(getattr(shape, "enum", None) or []),
            "required": not leaf.endswith("[]") and leaf in parent.required_members}


def main():
    print(json.dumps({"ready": True, "botocore": botocore.__version__}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
            answer = member(message["member"]) if "member" in message else validate(message)
        except Exception as error:  # reported to the caller, which fails the test with it
            answer = {"error": "%s: %s" % (type(error).__name__, error)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
