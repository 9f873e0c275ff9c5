"""Specimen data, one realistic certificate per kind: for previews, the benchmark and the tests.

All names, numbers and addresses are invented.
"""

from __future__ import annotations

import datetime

from .data import CertificateData, LicenceBlock

ISSUE_DATE = datetime.date(2026, 11, 22)
VERIFY = "https://gcjs.example.gov.cn/zs/verify/"
OWNER = "武汉汉江湾置业有限公司"
PROJECT = "越秀汉江湾二期住宅及配套工程"
SITE = "武汉市硚口区汉西一路142号"

_PERMIT_FIELDS = (
    ("工程名称", PROJECT),
    ("建设地址", SITE),
    ("建设规模", "总建筑面积86420.35平方米"),
    ("合同价格（万元）", "31865.20"),
    ("勘察单位", "中冶武勘工程技术有限公司"),
    ("设计单位", "中南建筑设计院股份有限公司"),
    ("施工单位", "中建三局第一建设工程有限责任公司"),
    ("监理单位", "武汉华胜工程建设科技有限公司"),
    ("勘察单位项目负责人", "李堃"),
    ("设计单位项目负责人", "王喆珺"),
    ("施工单位项目负责人", "赵玥"),
    ("总监理工程师", "周镕"),
    ("合同工期", "2026年12月1日至2028年11月30日，共730日历天"),
)


def construction_permit() -> CertificateData:
    """A full 建筑工程施工许可证."""
    return CertificateData(
        kind="construction_permit",
        number="420104202611220101",
        holder=OWNER,
        issuing_authority="武汉市硚口区行政审批局",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "420104202611220101?h=3f9a2c",
        fields=(*_PERMIT_FIELDS, ("备注", "本工程含地下室两层；人防工程随主体同步施工。")),
    )


def phased_construction_permit() -> CertificateData:
    """A phase permit for excavation support and earthworks, excluding piles (硚口 practice)."""
    return CertificateData(
        kind="phased_construction_permit",
        number="420104202611220201S",
        holder=OWNER,
        issuing_authority="武汉市硚口区行政审批局",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "420104202611220201S?h=51be07",
        fields=(
            *_PERMIT_FIELDS,
            ("施工阶段", "基坑阶段（第一阶段）"),
            ("施工范围", "基坑支护和土方开挖（不含桩基础施工）"),
            ("备注", "后续阶段施工许可另行申领；取得整体施工许可后本证失效。"),
        ),
    )


def comprehensive_construction_permit() -> CertificateData:
    """A 建筑工程综合许可证 holding three self-selected licences."""
    return CertificateData(
        kind="comprehensive_construction_permit",
        number="QK-ZH-2026-000318",
        holder=OWNER,
        issuing_authority="武汉市硚口区行政审批局",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "QK-ZH-2026-000318?h=c07d11",
        fields=(
            ("工程名称", PROJECT),
            ("建设地址", SITE),
            ("建设规模", "总建筑面积86420.35平方米"),
            ("合同价格（万元）", "31865.20"),
            ("施工单位", "中建三局第一建设工程有限责任公司"),
            ("监理单位", "武汉华胜工程建设科技有限公司"),
            ("合同工期", "730日历天"),
        ),
        blocks=(
            LicenceBlock(
                "建筑工程施工许可",
                "420104202611220101",
                (("许可范围", "全部工程"), ("有效期限", "自发证之日起三个月内开工")),
            ),
            LicenceBlock(
                "夜间施工许可",
                "QK-YJ-2026-0712",
                (
                    ("许可范围", "C30混凝土底板连续浇筑"),
                    ("有效期限", "2026年12月10日至2026年12月12日，每日22:00至次日06:00"),
                    ("许可条件", "施工前在现场醒目位置张贴公告；超出时段施工视为未经许可；投诉电话12319。"),
                ),
            ),
            LicenceBlock(
                "城市建筑垃圾处置核准",
                "QK-LJ-2026-0455",
                (
                    ("许可范围", "基坑土方及建筑垃圾外运约42000立方米"),
                    ("有效期限", "2026年12月1日至2027年5月31日"),
                    ("运输路线", "汉西一路—解放大道—长丰大道—三环线"),
                    ("消纳场所", "东西湖区走马岭建筑垃圾消纳场"),
                ),
            ),
        ),
    )


def works_planning_permit() -> CertificateData:
    """A 建设工程规划许可证 (建字第…号)."""
    return CertificateData(
        kind="works_planning_permit",
        number="420104202600087",
        holder=OWNER,
        issuing_authority="武汉市自然资源和城乡建设局",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "420104202600087?h=9e4410",
        fields=(
            ("建设项目名称", PROJECT),
            ("建设位置", SITE),
            ("建设规模", "总建筑面积86420.35平方米，其中地上66210.10平方米，地下20210.25平方米"),
            ("附图及附件名称", "建设工程规划许可证附图（总平面图）；建筑单体设计方案审查意见"),
        ),
    )


def land_use_planning_permit() -> CertificateData:
    """A 建设用地规划许可证 (地字第…号)."""
    return CertificateData(
        kind="land_use_planning_permit",
        number="420104202600031",
        holder=OWNER,
        issuing_authority="武汉市自然资源和城乡建设局",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "420104202600031?h=77aa01",
        fields=(
            ("用地项目名称", PROJECT),
            ("批准用地机关", "武汉市人民政府"),
            ("批准用地文号", "武政土〔2026〕58号"),
            ("用地位置", SITE),
            ("用地面积", "总用地面积32150.60平方米，其中净用地28710.00平方米，代征道路用地3440.60平方米"),
            ("土地用途", "城镇住宅用地"),
            ("土地取得方式", "出让"),
            ("建设规模", "计容建筑面积64300平方米"),
            ("附图及附件名称", "用地红线图；国有建设用地使用权出让合同"),
        ),
    )


def land_preexam_site_opinion() -> CertificateData:
    """A 建设项目用地预审与选址意见书 (用字第…号)."""
    return CertificateData(
        kind="land_preexam_site_opinion",
        number="420104202600012",
        holder="武汉市硚口区城市建设投资有限公司",
        issuing_authority="湖北省自然资源厅",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "420104202600012?h=0bd5e3",
        fields=(
            ("项目名称", "硚口区汉西片区综合管廊及道路工程"),
            ("项目代码", "2611-420104-04-01-538217"),
            ("项目建设依据", "硚口区发展和改革局关于汉西片区综合管廊及道路工程项目建议书的批复"),
            ("项目拟选位置", "硚口区汉西一路以西、古田二路以北"),
            ("拟用地面积（含各地类明细）", "12.50公顷，其中农用地3.20公顷（耕地1.10公顷），建设用地9.30公顷"),
            ("拟建设规模", "新建道路2.4公里，综合管廊2.1公里"),
            ("附图及附件名称", "项目拟选位置图；用地预审审查意见"),
        ),
    )


def joint_acceptance_opinion() -> CertificateData:
    """A 竣工联合验收意见书 (唐山 form fields)."""
    return CertificateData(
        kind="joint_acceptance_opinion",
        number="QK-LY-2026-0093",
        holder=OWNER,
        issuing_authority="武汉市硚口区住房和城市更新局",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "QK-LY-2026-0093?h=e2c9f0",
        fields=(
            ("工程名称", PROJECT),
            ("工程地址", SITE),
            ("勘察单位", "中冶武勘工程技术有限公司"),
            ("设计单位", "中南建筑设计院股份有限公司"),
            ("施工单位", "中建三局第一建设工程有限责任公司"),
            ("监理单位", "武汉华胜工程建设科技有限公司"),
            ("施工图审查机构", "武汉市施工图审查中心"),
            ("结构形式", "框架剪力墙结构"),
            ("层数", "地上32层，地下2层"),
            ("建筑面积", "86420.35平方米"),
            ("工程规模", "住宅5栋及配套商业"),
            ("开工日期", "2024年3月1日"),
            ("竣工日期", "2026年10月28日"),
            ("规划证号", "建字第420104202400087号"),
            ("施工证号", "420104202402260101"),
            (
                "基本情况",
                "工程已按设计和合同约定内容完成，五方责任主体已组织竣工验收并签署竣工验收报告，"
                "质量监督报告已出具，多测合一成果已共享。",
            ),
            ("存在问题", "1. 3号楼屋面排水口局部堵塞；\n2. 地下车库部分消防标识缺失。"),
            (
                "验收结论",
                "规划、消防、人防、档案等成员单位意见均为合格；存在问题须于2026年12月6日前整改完毕。联合验收合格。",
            ),
        ),
    )


def tolerance_acceptance_notice() -> CertificateData:
    """A 容缺受理通知书 with two missing materials."""
    return CertificateData(
        kind="tolerance_acceptance_notice",
        number="QK-RQ-2026-1187",
        holder=OWNER,
        issuing_authority="武汉市硚口区政务服务中心",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "QK-RQ-2026-1187?h=4d61aa",
        fields=(
            ("项目名称", PROJECT),
            ("项目代码", "2611-420104-04-01-538217"),
            ("申请事项", "建筑工程施工许可证核发"),
            ("容缺材料", "1. 施工合同备案证明；\n2. 建设资金落实情况的承诺书（原件）。"),
            ("补正方式", "窗口提交或网上上传"),
            ("补正期限", "2026年12月4日前（5个工作日）"),
            ("逾期后果", "逾期未补正的，暂停办理并通知申请人；自通知之日起15个工作日内仍未补正的，予以退件。"),
        ),
    )


def supplement_notice() -> CertificateData:
    """A 补正材料通知书 (一次性告知书) listing three missing materials."""
    return CertificateData(
        kind="supplement_notice",
        number="BZ420104202600021",
        holder=OWNER,
        issuing_authority="武汉市硚口区政务服务中心",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "BZ420104202600021",
        fields=(
            ("项目名称", PROJECT),
            ("项目代码", "2611-420104-04-01-538217"),
            ("申请事项", "立项用地规划许可阶段申请"),
            ("需补正材料", "1. 营业执照副本；\n2. 法定代表人身份证明；\n3. 建设项目用地预审与选址意见书申请表。"),
            ("补正期限", "2026年12月4日17时30分前（10个工作日）"),
            ("补正说明", "营业执照副本须加盖公章。"),
        ),
    )


def commitment_approval() -> CertificateData:
    """A 告知承诺制审批决定书 for a 施工许可 decided on the owner's commitment."""
    return CertificateData(
        kind="commitment_approval",
        number="CN420104202600012",
        holder=OWNER,
        issuing_authority="武汉市硚口区住房和城乡建设局",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "CN420104202600012",
        fields=(
            ("项目名称", PROJECT),
            ("项目代码", "2611-420104-04-01-538217"),
            ("审批事项", "建筑工程施工许可证核发"),
            ("承诺内容", "本单位承诺所提交材料真实、完整，已具备施工条件，并承担承诺不实的法律责任。"),
            ("事后核查", "2026年12月21日起核查承诺履行情况"),
        ),
    )


def construction_pre_permit() -> CertificateData:
    """A two-month 建筑工程施工预许可证 limited to pit, earthworks and retaining walls."""
    return CertificateData(
        kind="construction_pre_permit",
        number="YX420104202600003",
        holder=OWNER,
        issuing_authority="武汉市硚口区住房和城乡建设局",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "YX420104202600003",
        fields=(
            ("工程名称", PROJECT),
            ("建设地址", SITE),
            ("建设规模", "住宅8栋，总建筑面积68000平方米"),
            ("施工单位", "中建三局第一建设工程有限责任公司"),
            ("监理单位", "武汉华建工程监理有限公司"),
            ("施工范围", "基坑、土方、围护"),
            ("有效期限", "2026年11月22日至2027年1月21日"),
        ),
    )


def night_work_permit() -> CertificateData:
    """Two nights of continuous concrete pouring, approved by the environment bureau."""
    return CertificateData(
        kind="night_work_permit",
        number="YJ420104202600001",
        holder=OWNER,
        issuing_authority="武汉市硚口区生态环境局",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "YJ420104202600001",
        fields=(
            ("工程名称", PROJECT),
            ("项目代码", "2026-420104-70-03-000001"),
            ("建设地址", SITE),
            ("施工单位", "中建三局第一建设工程有限责任公司"),
            ("夜间施工内容", "地下室底板大体积混凝土连续浇筑"),
            ("施工日期", "2026年11月5日至2026年11月6日（共2晚）"),
            ("施工时段", "每晚22:00至次日06:00"),
            ("噪声防治措施", "使用低噪声振捣设备，设置隔声屏障，禁止鸣笛。"),
            ("核准方式", "部门审查"),
        ),
    )


def construction_waste_disposal_licence() -> CertificateData:
    """Muck and demolition waste carried to a disposal site in another district, for three months."""
    return CertificateData(
        kind="construction_waste_disposal_licence",
        number="LJ420104202600001",
        holder=OWNER,
        issuing_authority="武汉市硚口区行政审批局",
        issue_date=ISSUE_DATE,
        verification_url=VERIFY + "LJ420104202600001",
        fields=(
            ("工程名称", PROJECT),
            ("项目代码", "2026-420104-70-03-000001"),
            ("产生地点", SITE),
            ("运输单位", "武汉市汉江渣土运输有限公司"),
            ("建筑垃圾类别及数量", "工程渣土、拆除垃圾，约12000立方米"),
            ("运输路线", "古田二路—长丰大道—三环线—金山大道—走马岭汇通大道"),
            ("运输车辆", "鄂A12345、鄂A23456、鄂AD34567"),
            ("消纳场所", "东西湖区走马岭建筑垃圾资源化利用厂（东西湖区走马岭街汇通大道）"),
            ("有效期限", "2026年11月5日至2027年2月4日"),
        ),
    )


SAMPLES = {
    "construction_permit": construction_permit,
    "works_planning_permit": works_planning_permit,
    "land_use_planning_permit": land_use_planning_permit,
    "land_preexam_site_opinion": land_preexam_site_opinion,
    "joint_acceptance_opinion": joint_acceptance_opinion,
    "tolerance_acceptance_notice": tolerance_acceptance_notice,
    "supplement_notice": supplement_notice,
    "comprehensive_construction_permit": comprehensive_construction_permit,
    "phased_construction_permit": phased_construction_permit,
    "commitment_approval": commitment_approval,
    "construction_pre_permit": construction_pre_permit,
    "night_work_permit": night_work_permit,
    "construction_waste_disposal_licence": construction_waste_disposal_licence,
}
