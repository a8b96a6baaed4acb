"""Titles the demo year uses, from the 2022 work review of the Suizhou committee."""

# title, kind code, quarter, approved (None: still collected, awaiting the chair meeting)
TOPICS = [
    ("危困企业重组盘活", "standing", 2, True),
    ("推进专用汽车产业转型升级", "bimonthly", 2, True),
    ("优化营商环境、助力市场主体纾困", "thematic", 3, True),
    ("香菇产业高质量发展", "counterpart", 3, True),
    ("农村人居环境整治提升", "sector", 4, True),
    ("城区停车难问题", "proposal", 4, None),
    ("中小学课后服务质量", "bimonthly", 4, False),
]

STANDING_MEETINGS = [
    (1, "五届一次常委会议"),
    (4, "五届二次常委会议"),
    (7, "五届三次常委会议"),
    (11, "五届四次常委会议"),
]

RECOMMENDATION = (
    "关于全市危困工业企业处置盘活的建议案",
    "市政协围绕危困企业重组盘活开展专题调研，召开五届二次常委会议专题协商。\n"
    "一、全市危困工业企业的基本情况\n"
    "二、处置盘活中存在的主要问题：资产权属复杂、债务负担沉重、盘活路径单一。\n"
    "三、建议：建立市级统筹协调机制；分类施策，一企一策；用好司法重整和破产清算；"
    "引入战略投资者，盘活闲置厂房和土地。",
    "建议案很有针对性，请市政府认真研究，逐条落实。",
)

REPORTS = [
    ("research", "专用汽车产业链发展"),
    ("inspection", "城区老旧小区改造"),
    ("research", "香菇产业品牌建设"),
    ("supervision", "长江大保护和府河流域治理"),
    ("research", "乡村振兴人才队伍建设"),
    ("inspection", "农村饮水安全"),
    ("research", "民营企业融资难题"),
    ("supervision", "食品安全监管"),
    ("research", "职业教育产教融合"),
    ("inspection", "养老服务体系建设"),
    ("research", "文旅融合发展"),
    ("supervision", "营商环境优化"),
]

STUDY_TOPICS = [
    "学习贯彻党的二十大精神",
    "习近平新时代中国特色社会主义思想学习座谈",
    "政协委员履职能力培训",
    "人民政协理论研讨",
    "委员读书交流",
]

JOINT = [
    "专用汽车产业调研",
    "香菇产业发展视察",
    "生态环境保护民主监督",
    "乡村振兴调研",
    "中医药事业发展调研",
]

ESSAY_TITLES = [
    "发挥专门协商机构作用的实践与思考",
    "以协商民主助推基层治理现代化",
    "新时代政协委员履职能力建设路径",
    "建言资政与凝聚共识双向发力",
    "推进协商在一线的随州实践",
]

BOOKS = [
    ("习近平谈治国理政（第四卷）", "习近平"),
    ("人民政协重要文献选编", "中共中央文献研究室"),
    ("乡土中国", "费孝通"),
]
