"""系统管理 on pages: the landing page reached from the administrator's home, departments, the item catalogue
and the time-limit rules; bad input keeps what was typed, says what to fix beside the field and stores nothing;
nobody but an administrator gets in."""

from __future__ import annotations

import re

import pytest

from engine.catalogue.models import CatalogueItem
from engine.time_limits.models import TimeLimitRule

from .support import count

GOOD_ITEM = {"category": "social_investment_project", "stage": "3", "code": "night_works_permit",
             "name": "夜间施工许可", "department_code": "ecology_environment", "committed_days": "3", "phase": "1",
             "role": "review", "joint_review": "false", "commitment_allowed": "false", "tolerance_allowed": "true",
             "materials": "夜间施工申请表\r\n降噪措施说明", "source": "《环境噪声污染防治法》"}
CATEGORY = "social_investment_project"
STAGE_DAYS = {"days_stage_project_land_planning": "12", "days_stage_engineering_permit": "18",
              "days_stage_construction_permit": "8", "days_stage_completion_acceptance": "10"}


@pytest.fixture(autouse=True)
def people(office):
    """The office's people (the administrator among them)."""
    return office


def links(html: str) -> list[str]:
    main = html[html.index("<main"):html.index("</main>")]
    return list(re.findall(r'href="(/[^"#]*)"', main))


def test_the_landing_page_is_home_and_every_link_works(person) -> None:
    admin = person("admin")
    home = admin.get("/")
    assert home.status_code == 302 and home.location == "/admin/"
    page = admin.get("/admin/").text
    assert "审批部门" in page and "审批事项目录" in page and "审批时限规则" in page and "电子监察" in page
    for href in links(page):
        assert admin.get(href).status_code == 200, href


def test_departments_list_names_staff_and_items(person, office) -> None:
    page = person("admin").get("/admin/departments").text
    assert "自然资源和规划局" in page and "人</td>" in page


def test_adding_a_catalogue_item(person, step) -> None:
    admin = person("admin")
    form = admin.get(f"/admin/catalogue/new?category={CATEGORY}").text
    assert 'value="social_investment_project" selected' in form
    before = count(step, CatalogueItem)
    done = admin.post("/admin/catalogue/new", GOOD_ITEM)
    assert done.status_code == 302 and done.location == f"/admin/catalogue?category={CATEGORY}"
    page = admin.get(done.location).text
    assert "夜间施工许可" in page and "已将“夜间施工许可”加入社会投资一般项目的审批事项目录" in page
    with step(write=False) as s:
        row = s.query(CatalogueItem).filter_by(code="night_works_permit").one()
        assert (row.stage, row.committed_days, row.tolerance_allowed, row.materials) == (
            3, 3, True, ["夜间施工申请表", "降噪措施说明"])
    assert count(step, CatalogueItem) > before  # the seed is loaded on the first change, then the new row


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"code": "夜间施工"}, "code", "事项代码只能由小写英文字母、数字和下划线组成"),
    ({"name": "  "}, "name", "请填写事项名称"),
    ({"committed_days": "61"}, "committed_days", "承诺时限应为1至60个工作日"),
    ({"committed_days": "三"}, "committed_days", "请填写正整数（阿拉伯数字）"),
    ({"category": "low_risk_social_project", "stage": "1"}, "stage", "该类别项目不经过此审批阶段"),
    ({"department_code": "nowhere"}, "department_code", "未知的审批部门"),
    ({"materials": ""}, "materials", "请列出申请材料，每行一项"),
])
def test_a_wrong_catalogue_item_is_refused_with_the_input_kept(person, step, change, field, message) -> None:
    admin = person("admin")
    before = count(step, CatalogueItem)
    sent = {**GOOD_ITEM, **change}
    refused = admin.post("/admin/catalogue/new", sent)
    assert refused.status_code == 422
    html = refused.text
    beside = re.search(rf'<p class="field-error" id="f-{field}-error">(.*?)</p>', html, re.S).group(1)
    assert message in beside and f'href="#f-{field}"' in html  # in the error summary too
    assert "《环境噪声污染防治法》" in html and f'value="{sent["committed_days"]}"' in html  # typed input kept
    assert count(step, CatalogueItem) == before


def test_adding_a_time_limit_rule_from_a_date(person, step) -> None:
    admin = person("admin")
    page = admin.get("/admin/time-limits").text
    assert "现行" in page
    new = admin.get(f"/admin/time-limits/{CATEGORY}/new").text
    assert "竣工验收阶段时限（工作日）" in new
    done = admin.post(f"/admin/time-limits/{CATEGORY}/new",
                      {"effective_from": "2026-12-01", "total_days": "48", **STAGE_DAYS})
    assert done.status_code == 302
    page = admin.get("/admin/time-limits").text
    assert "2026-12-01" in page and "待生效" in page and "48 个工作日" in page
    with step(write=False) as s:
        assert s.query(TimeLimitRule).filter_by(category=CATEGORY, total_days=48).count() == 1


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"effective_from": "2026-10-01"}, "effective_from", "生效日期不能早于今天"),
    ({"effective_from": "明天"}, "effective_from", "请按 YYYY-MM-DD 填写生效日期"),
    ({"total_days": "40"}, "total_days", "各阶段时限合计不能超过总时限"),
    ({"days_stage_construction_permit": "0"}, "days_stage_construction_permit", "时限应为正整数"),
    ({"days_stage_construction_permit": ""}, "days_stage_construction_permit", "请填写此项"),
])
def test_a_wrong_rule_is_refused_and_nothing_is_stored(person, step, change, field, message) -> None:
    admin = person("admin")
    admin.get("/admin/time-limits")
    before = count(step, TimeLimitRule)
    sent = {"effective_from": "2026-12-01", "total_days": "48", **STAGE_DAYS, **change}
    refused = admin.post(f"/admin/time-limits/{CATEGORY}/new", sent)
    assert refused.status_code == 422
    beside = re.search(rf'<p class="field-error" id="f-{field}-error">(.*?)</p>', refused.text, re.S).group(1)
    assert message in beside
    assert f'value="{sent["total_days"]}"' in refused.text
    assert count(step, TimeLimitRule) == before


@pytest.mark.parametrize("username", ["supervisor", "window", "exam_natural_resources", "owner"])
def test_only_administrators_get_in(person, step, username) -> None:
    someone = person(username)
    for url in ("/admin/", "/admin/departments", "/admin/catalogue", "/admin/catalogue/new", "/admin/time-limits",
                f"/admin/time-limits/{CATEGORY}/new"):
        assert someone.get(url).status_code == 403, url
    before = (count(step, CatalogueItem), count(step, TimeLimitRule))
    assert someone.post("/admin/catalogue/new", GOOD_ITEM).status_code == 403
    assert someone.post(f"/admin/time-limits/{CATEGORY}/new",
                        {"effective_from": "2026-12-01", "total_days": "48", **STAGE_DAYS}).status_code == 403
    assert (count(step, CatalogueItem), count(step, TimeLimitRule)) == before


def test_an_unknown_category_is_not_found(person) -> None:
    assert person("admin").get("/admin/time-limits/nothing/new").status_code == 404
