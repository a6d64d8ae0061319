from tests.matrix import IN_REGION, WORKSPACE, Row

ROWS = {
    "regions:list": Row(get=WORKSPACE),
    "regions:detail": Row("region", arg_field="slug", get=IN_REGION),
    "regions:status": Row(
        "region",
        arg_field="slug",
        get=IN_REGION,
        post=IN_REGION,
        post_data={"status": "binding", "valid_from": "2014-03-01", "note": "Vertrag"},
    ),
}


def world(region, guide) -> dict:
    return {}
