from lotsen.imports.services import ImportKind
from tests.matrix import WORKSPACE, Row

# A POST to confirm without a token is the matrix's request: those allowed get a clear message
# and a redirect (tests/imports/ proves that nothing changes); guides are refused.
ROWS = {
    "imports:upload": Row(get=WORKSPACE, post=WORKSPACE),
    "imports:preview": Row(get=WORKSPACE),
    "imports:confirm": Row(post=WORKSPACE),
    "imports:template": Row("import_kind", arg_field="value", get=WORKSPACE),
}


def world(region, guide) -> dict:
    return {"import_kind": ImportKind.ORGANISATIONS}
