"""Converts the OpenAPI YAML document to JSON for the /docs page (run at build time)."""
import json
import sys

import yaml

with open(sys.argv[1], encoding="utf-8") as src:
    document = yaml.safe_load(src)
with open(sys.argv[2], "w", encoding="utf-8") as dst:
    json.dump(document, dst, ensure_ascii=False, separators=(",", ":"))
