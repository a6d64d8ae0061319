import datetime

from organisations.models import Expert, ExpertRequest, ProfessionalisationTopic
from tests.matrix import ADMIN_ONLY, PUBLIC_PAGE, WORKSPACE, Row

ROWS = {
    "organisations:expert-list": Row(get=WORKSPACE),
    "organisations:expert-detail": Row("expert", get=WORKSPACE),
    "organisations:expert-request": Row("expert", get=WORKSPACE, post=WORKSPACE),
    "organisations:expert-request-decide": Row("expert_request", post=ADMIN_ONLY),
    # The expert's personal links: whoever holds the link, signed in or not.
    "organisations:expert-answer": Row(
        "expert_request", arg_field="token", get=PUBLIC_PAGE, post=PUBLIC_PAGE
    ),
    "organisations:expert-profile": Row(
        "expert", arg_field="token", get=PUBLIC_PAGE, post=PUBLIC_PAGE
    ),
}


def world(region, guide) -> dict:
    topic = ProfessionalisationTopic.objects.create(name="Fördermittel")
    expert = Expert.objects.create(name="Dr. Selma Yıldız", email="yildiz@example.org")
    expert.topics.add(topic)
    expert_request = ExpertRequest.objects.create(
        expert=expert, region=region, topic=topic, date=datetime.date(2014, 5, 6)
    )
    return {"expert": expert, "expert_request": expert_request}
