"""Certificate templates as data: one ``Template`` per kind of certificate or notice.

A template fixes everything that is the same on every copy of a kind — title, legal sentence, field
labels in print order, which of them are required, the notes printed under the table and how the
number is printed — so that rendering and validation are generic. Field lists follow the domain
reference (national 施工许可证 template, 2019 自然资源 templates, 唐山 联合验收 form); the notes
are our own paraphrases of the official wording, not copies of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import UnknownKind


@dataclass(frozen=True)
class FieldSpec:
    """One labelled row of the field table; ``half`` fields may share a row with a half neighbour."""

    label: str
    required: bool = True
    half: bool = False


@dataclass(frozen=True)
class Template:
    """Everything fixed about one kind; ``holder_label`` is the row filled from ``CertificateData.holder``."""

    kind: str
    title: str
    preamble: str
    holder_label: str
    fields: tuple[FieldSpec, ...]
    notes: tuple[str, ...]
    notes_heading: str = "注意事项"
    number_format: str = "编号：{number}"
    header_line: str = "中华人民共和国"
    authority_label: str = "发证机关"
    date_label: str = "发证日期"
    block_fields: tuple[FieldSpec, ...] = ()

    @property
    def takes_blocks(self) -> bool:
        """Only templates that define block fields print one bordered block per licence."""
        return bool(self.block_fields)

    def spec(self, label: str) -> FieldSpec | None:
        """The field spec with this label, or None for a label the template does not know."""
        return next((spec for spec in self.fields if spec.label == label), None)

    def static_texts(self) -> tuple[tuple[str, str], ...]:
        """Every fixed string the renderer draws, named for glyph-check error messages."""
        labels = tuple(spec.label for spec in (*self.fields, *self.block_fields))
        texts = (self.title, self.preamble, self.header_line, self.notes_heading, *self.notes, *labels)
        return tuple((f"template {self.kind}", text) for text in texts)


def req(*labels: str, half: bool = False) -> tuple[FieldSpec, ...]:
    """Required fields, in print order."""
    return tuple(FieldSpec(label, required=True, half=half) for label in labels)


def opt(label: str, half: bool = False) -> FieldSpec:
    """An optional field: printed only when given."""
    return FieldSpec(label, required=False, half=half)


def _verify_note(noun: str = "证") -> str:
    """The closing note on every kind: the QR code / URL shows authenticity and current status."""
    return f"扫描本{noun}二维码或访问所附核验网址，可查询本{noun}真伪及当前状态。"


_VERIFY_NOTE = _verify_note()

_PERMIT_HEAD = (
    *req("建设单位", "工程名称"),
    opt("项目代码"),
    *req("建设地址"),
    *req("建设规模", "合同价格（万元）", half=True),
    opt("工程总承包单位"),
    *req("勘察单位", "设计单位", "施工单位", "监理单位"),
    *req("勘察单位项目负责人", "设计单位项目负责人", "施工单位项目负责人", "总监理工程师", half=True),
    *req("合同工期"),
)

_PERMIT_NOTES = (
    "本证是依法准予施工的凭证，应当存放于施工现场，以备查验。",
    "本证记载的事项，未经发证机关同意不得更改。",
    "住房和城乡建设主管部门及其委托的机构可以依法查验本证。",
    "建设单位应当自领证之日起三个月内开工；不能按期开工的，应当在期满前申请延期，延期以两次为限，"
    "每次不超过三个月。既未按期开工又未申请延期，或者超过延期时限的，本证自行失效。",
    "未取得施工许可证擅自施工的，依照《中华人民共和国建筑法》追究法律责任。",
    _VERIFY_NOTE,
)

CONSTRUCTION_PERMIT = Template(
    kind="construction_permit",
    title="建筑工程施工许可证",
    preamble="根据《中华人民共和国建筑法》第八条规定，经审查，本建筑工程符合施工条件，准予施工。特发此证。",
    holder_label="建设单位",
    fields=(*_PERMIT_HEAD, opt("施工范围"), *req("备注")),
    notes=_PERMIT_NOTES,
)

PHASED_CONSTRUCTION_PERMIT = Template(
    kind="phased_construction_permit",
    title="建筑工程施工许可证（分阶段）",
    preamble="根据《中华人民共和国建筑法》第八条规定，经审查，本建筑工程下列施工阶段符合施工条件，"
    "准予在所列施工范围内施工。特发此证。",
    holder_label="建设单位",
    fields=(*_PERMIT_HEAD, *req("施工阶段", "施工范围", "备注")),
    notes=(
        *_PERMIT_NOTES[:5],
        "本证只准许在“施工范围”所列范围内施工；超出该范围的施工须另行取得施工许可。"
        "后续阶段或整体工程取得施工许可后，本证由新证取代。",
        _VERIFY_NOTE,
    ),
)

COMPREHENSIVE_CONSTRUCTION_PERMIT = Template(
    kind="comprehensive_construction_permit",
    title="建筑工程综合许可证",
    preamble="根据《中华人民共和国建筑法》及相关法律法规，经联合审查，本建筑工程符合下列各项许可的法定条件，"
    "准予许可。特发此证。",
    holder_label="建设单位",
    fields=(
        *req("建设单位", "工程名称"),
        opt("项目代码"),
        *req("建设地址"),
        *req("建设规模", "合同价格（万元）", half=True),
        *req("施工单位", "监理单位", "合同工期"),
        opt("备注"),
    ),
    block_fields=(*req("许可范围", "有效期限"), opt("许可条件")),
    notes=(
        "本证汇集建设单位按施工计划自选申请的各项建设阶段许可，各项许可的编号、范围、有效期限和条件以其所在栏目为准。",
        "本证应当存放于施工现场，接受有关部门查验；未经发证机关同意不得涂改。",
        "增加、变更或者撤销其中某项许可的，发证机关重新出具本证，原证同时失效。",
        "各项许可分别由其主管部门依法实施监督，某项许可失效不影响其他许可的效力。",
        _VERIFY_NOTE,
    ),
)


def _planning_notes(noun: str) -> tuple[str, ...]:
    """Notes shared by the 自然资源 certificates; ``noun`` is 证 or 意见书."""
    return (
        f"本{noun}所附图纸及附件由发证机关依法确定，与本{noun}具有同等法律效力。",
        f"自然资源主管部门可以依法查验本{noun}，持有单位（个人）应当配合。",
        f"本{noun}载明的内容，未经发证机关审核同意不得变更。",
        _verify_note(noun),
    )


WORKS_PLANNING_PERMIT = Template(
    kind="works_planning_permit",
    title="建设工程规划许可证",
    preamble="根据《中华人民共和国城乡规划法》和国家有关规定，经审核，本建设工程符合国土空间规划和用途管制要求，"
    "颁发此证。",
    holder_label="建设单位（个人）",
    fields=(
        *req("建设单位（个人）", "建设项目名称"),
        opt("项目代码"),
        *req("建设位置", "建设规模"),
        opt("具体建设内容"),
        *req("附图及附件名称"),
    ),
    notes_heading="遵守事项",
    number_format="建字第{number}号",
    notes=(
        "本证证明所列建设工程经依法审核，符合国土空间规划和用途管制要求。",
        "未取得本证或者不按本证要求进行建设的，属于违法建设。",
        "自核发之日起一年内未开工且未申请延期的，本证自行失效。",
        *_planning_notes("证"),
    ),
)

LAND_USE_PLANNING_PERMIT = Template(
    kind="land_use_planning_permit",
    title="建设用地规划许可证",
    preamble="根据《中华人民共和国城乡规划法》和国家有关规定，经审核，本用地项目符合国土空间规划和用途管制要求，"
    "颁发此证。",
    holder_label="用地单位",
    fields=(
        *req("用地单位", "用地项目名称"),
        opt("项目代码"),
        *req("批准用地机关", "批准用地文号", half=True),
        *req("用地位置", "用地面积"),
        *req("土地用途", "土地取得方式", half=True),
        *req("建设规模", "附图及附件名称"),
    ),
    notes_heading="遵守事项",
    number_format="地字第{number}号",
    notes=(
        "本证证明所列用地项目经依法审核，符合国土空间规划和用途管制要求。",
        "未依法取得本证而办理用地批准手续或者占用土地的，属于违法行为。",
        *_planning_notes("证"),
    ),
)

LAND_PREEXAM_SITE_OPINION = Template(
    kind="land_preexam_site_opinion",
    title="建设项目用地预审与选址意见书",
    preamble="根据《中华人民共和国土地管理法》《中华人民共和国城乡规划法》和国家有关规定，经审核，"
    "本建设项目符合国土空间用途管制要求，核发此书。",
    holder_label="建设单位名称",
    fields=(
        *req("项目名称", "项目代码", "建设单位名称", "项目建设依据", "项目拟选位置"),
        *req("拟用地面积（含各地类明细）", "拟建设规模", "附图及附件名称"),
    ),
    notes_heading="遵守事项",
    number_format="用字第{number}号",
    notes=(
        "本意见书是建设项目用地预审和规划选址的审查结论，是项目审批、核准或者备案的依据。",
        "本意见书自核发之日起三年内有效。",
        "项目拟选位置、拟用地面积或者拟建设规模发生重大变化的，应当重新申请。",
        *_planning_notes("意见书"),
    ),
)

JOINT_ACCEPTANCE_OPINION = Template(
    kind="joint_acceptance_opinion",
    title="竣工联合验收意见书",
    preamble="经资料审核和联合现场验收，各成员单位对本工程提出竣工联合验收意见如下。",
    holder_label="建设单位",
    header_line="",
    authority_label="出具单位",
    date_label="日期",
    notes_heading="说明",
    fields=(
        *req("工程名称"),
        opt("项目代码"),
        *req("工程地址", "建设单位", "勘察单位", "设计单位", "施工单位", "监理单位"),
        *req("施工图审查机构"),
        *req("结构形式", "层数", "建筑面积", "工程规模", half=True),
        *req("开工日期", "竣工日期", "规划证号", "施工证号", half=True),
        *req("基本情况", "存在问题", "验收结论"),
    ),
    notes=(
        "本意见书依据建设单位提交的材料和联合现场验收情况出具，“验收结论”栏汇总各成员单位意见。",
        "“存在问题”栏所列事项应当按期整改，整改情况纳入事后监管。",
        "验收合格的，建设单位应当自验收合格之日起十五日内办理竣工验收备案。",
        "提交材料不真实的，依法撤销本意见书并追究相应责任。",
        _verify_note("意见书"),
    ),
)

TOLERANCE_ACCEPTANCE_NOTICE = Template(
    kind="tolerance_acceptance_notice",
    title="容缺受理通知书",
    preamble="你（单位）申请的下列事项，基本条件具备，主要申请材料齐全且符合法定形式，并已签署容缺受理承诺书。"
    "经审查，决定予以容缺受理。现将需要补正的材料、期限及逾期后果告知如下。",
    holder_label="申请人",
    header_line="",
    authority_label="受理机关",
    date_label="日期",
    notes_heading="告知事项",
    fields=(
        *req("申请人", "项目名称"),
        opt("项目代码"),
        *req("申请事项", "容缺材料"),
        opt("补正方式"),
        *req("补正期限", "逾期后果"),
    ),
    notes=(
        "容缺受理期间，审查与材料补正同步进行；所缺材料补齐并经核验前，不出具审批结果。",
        "补正期限不超过本事项承诺的办理时限；所缺材料可以通过窗口、邮寄或者网上方式提交。",
        "逾期未补正或者补正材料不符合要求的，按“逾期后果”栏处理，由此产生的损失由申请人承担。",
        "申请人对承诺的真实性负责；作出虚假承诺的，记入信用记录，且不再适用容缺受理。",
        _verify_note("通知书"),
    ),
)

SUPPLEMENT_NOTICE = Template(
    kind="supplement_notice",
    title="补正材料通知书",
    preamble="你（单位）提交的下列申请，申请材料不齐全或者不符合法定形式。依据《中华人民共和国行政许可法》"
    "第三十二条第一款第（四）项，现一次性告知需要补正的全部内容如下。",
    holder_label="申请人",
    header_line="一次性告知书",
    authority_label="受理机关",
    date_label="日期",
    notes_heading="告知事项",
    fields=(
        *req("申请人", "项目名称"),
        opt("项目代码"),
        *req("申请事项", "需补正材料", "补正期限"),
        opt("补正说明"),
    ),
    notes=(
        "以上为需要补正的全部材料，本机关不再要求补正其他材料（一次性告知）。",
        "补正材料可以通过综合窗口或者网上提交；补齐后本机关自收到之日起重新计算受理期限，补正期间不计入办理时限。",
        "逾期未补正的，视为申请人放弃本次申请，可以重新提出申请。",
        "依据：《中华人民共和国行政许可法》第三十二条、第八十二条（期限以工作日计算，不含法定节假日）。",
        _verify_note("通知书"),
    ),
)

COMMITMENT_APPROVAL = Template(
    kind="commitment_approval",
    title="告知承诺制审批决定书",
    preamble="申请人已知晓本机关告知的审批条件、标准和要求，书面承诺符合条件并愿意承担不实承诺的法律责任。"
    "根据告知承诺制有关规定，本机关依据申请人的承诺作出准予许可的决定。",
    holder_label="申请人",
    header_line="",
    authority_label="审批机关",
    date_label="决定日期",
    notes_heading="告知事项",
    fields=(*req("申请人", "项目名称"), opt("项目代码"), *req("审批事项", "承诺内容", "事后核查")),
    notes=(
        "本机关将在核查期限届满时对承诺履行情况进行核查，必要时进行现场核查。",
        "经核查未履行承诺或者承诺不实的，依法撤销本决定，记入信用记录，并在禁止期内不再适用告知承诺制。",
        _verify_note("决定书"),
    ),
)

CONSTRUCTION_PRE_PERMIT = Template(
    kind="construction_pre_permit",
    title="建筑工程施工预许可证",
    preamble="建设单位已书面承诺在有效期内取得正式施工许可。根据先建后验（告知承诺制）有关规定，"
    "准予在下列施工范围内先行施工。特发此证。",
    holder_label="建设单位",
    fields=(
        *req("建设单位", "工程名称", "建设地址", "建设规模"),
        *req("施工单位", "监理单位", "施工范围", "有效期限"),
    ),
    notes=(
        "本证只准许在“施工范围”所列范围内施工；超出该范围施工的，依法查处。",
        "本证有效期不延长；有效期内取得正式施工许可证的，本证由正式施工许可证取代，无需重复提交材料。",
        "有效期届满未取得正式施工许可证的，本证失效，须停止施工；继续施工的依法处理。",
        "质量监督和安全监督机构自开工之日起实施监督。",
        _VERIFY_NOTE,
    ),
)

NIGHT_WORK_PERMIT = Template(
    kind="night_work_permit",
    title="夜间施工许可证",
    preamble="根据环境噪声污染防治有关规定，准予在下列日期和时段内进行夜间施工。特发此证。",
    holder_label="建设单位",
    header_line="",
    authority_label="审批机关",
    date_label="核准日期",
    fields=(
        *req("建设单位", "工程名称", "项目代码", "建设地址", "施工单位"),
        *req("夜间施工内容", "施工日期", "施工时段", "噪声防治措施", "核准方式"),
    ),
    notes=(
        "本证须在施工现场醒目位置张贴，接受周边居民监督；只准在所列日期和时段内施工。",
        "施工中应落实噪声防治措施；违反的，由城市管理部门依法查处并撤销本证。",
        "居民投诉可拨打12345政务服务便民热线。",
        _VERIFY_NOTE,
    ),
)

CONSTRUCTION_WASTE_DISPOSAL_LICENCE = Template(
    kind="construction_waste_disposal_licence",
    title="城市建筑垃圾处置核准证",
    preamble="经城市管理、公安交通管理等部门分类审查，准予按下列类别、路线、车辆和消纳场所运输处置建筑垃圾。特发此证。",
    holder_label="建设单位",
    header_line="",
    authority_label="核准机关",
    date_label="核准日期",
    fields=(
        *req("建设单位", "工程名称", "项目代码", "产生地点", "运输单位"),
        *req("建筑垃圾类别及数量", "运输路线", "运输车辆", "消纳场所", "有效期限"),
    ),
    notes=(
        "本证为电子证照，随车携带或出示二维码均可；执法人员扫描二维码核验有效期、路线、车辆和消纳场所。",
        "只准按所列路线、车辆运往所列消纳场所，不得沿途撒漏、随意倾倒；违反的，依法查处并撤销本证。",
        "有效期最长三个月，期满仍须处置的，重新申请。",
        _VERIFY_NOTE,
    ),
)

TEMPLATES: dict[str, Template] = {
    template.kind: template
    for template in (
        CONSTRUCTION_PERMIT,
        WORKS_PLANNING_PERMIT,
        LAND_USE_PLANNING_PERMIT,
        LAND_PREEXAM_SITE_OPINION,
        JOINT_ACCEPTANCE_OPINION,
        TOLERANCE_ACCEPTANCE_NOTICE,
        SUPPLEMENT_NOTICE,
        COMPREHENSIVE_CONSTRUCTION_PERMIT,
        PHASED_CONSTRUCTION_PERMIT,
        COMMITMENT_APPROVAL,
        CONSTRUCTION_PRE_PERMIT,
        NIGHT_WORK_PERMIT,
        CONSTRUCTION_WASTE_DISPOSAL_LICENCE,
    )
}

KINDS: tuple[str, ...] = tuple(TEMPLATES)


def get_template(kind: str) -> Template:
    """The template of ``kind``; an unknown kind is an error listing the known ones."""
    try:
        return TEMPLATES[kind]
    except KeyError:
        raise UnknownKind(kind, KINDS) from None
