"""The demo's words: boards, threads with replies, and the hall's exhibitions."""

from pathlib import Path

from .models import Audience, BoardKind, HallTheme

SEED_TITLE = "随州市政协2022年工作回眸—— 凝心聚力促发展 奋楫扬帆启新程"
SEED_ARTICLE = Path(__file__).parent / "demo_data" / "seed_article.txt"
# The line the forum page shows in place of each picture (its alt text and keywords).
SEED_IMAGE_LINE = SEED_TITLE + "随州市政协,政协工作,2022年回眸,高质量发展"
# The article's byline line, which the thread carries as its byline rather than as text.
SEED_BYLINE = "随州日报全媒记者 陈巧玲 林超"
SEED_SOURCE = "随州日报"

ALL = [Audience.GUEST, Audience.RESIDENT, Audience.MEMBER, Audience.STAFF]
ACCOUNTS = [Audience.RESIDENT, Audience.MEMBER, Audience.STAFF]
MEMBERS = [Audience.MEMBER, Audience.STAFF]
STAFF = [Audience.STAFF]

# group, slug, name, description, kind, view, post, reply
BOARDS = [
    ("政协资讯", "news", "政协要闻", "市政协工作动态与新闻", BoardKind.NEWS, ALL, STAFF, ACCOUNTS),
    ("政协资讯", "notices", "通知公告", "会议通知、征集公告", BoardKind.NEWS, ALL, STAFF, STAFF),
    ("网络议政", "yizheng", "网络议政", "围绕年度协商计划议题建言献策", BoardKind.DELIBERATION,
     ALL, ACCOUNTS, ACCOUNTS),
    ("社区交流", "minsheng", "民生杂谈", "身边的民生事，大家一起谈", BoardKind.DISCUSSION,
     ALL, ACCOUNTS, ACCOUNTS),
    ("社区交流", "weiyuan", "委员之家", "委员履职交流（仅委员和机关可见）", BoardKind.DISCUSSION,
     MEMBERS, MEMBERS, MEMBERS),
]  # fmt: skip

# board slug, author key, title, topic title, body, [(author key, reply)]
THREADS = [
    ("news", "staff", "市政协召开五届二次常委会议 专题协商危困企业重组盘活", "",
     "会议围绕“多方联动、多措并举，加快推进危困企业重组盘活”开展专题协商，"
     "委员们结合调研提出意见建议。", [("resident", "为政协点赞，企业活了，就业才稳。")]),
    ("notices", "staff", "关于征集2023年度协商议题的公告", "",
     "即日起面向社会各界征集2023年度协商议题，欢迎通过网络议政版块留言。", []),
    ("yizheng", "staff", "【协商议题】老旧小区加装电梯怎么推进？", "老旧小区加装电梯",
     "曾都区西城街道乌龙巷社区就老旧小区加装电梯多次召开协商会，最终达成共识。"
     "其他小区如何借鉴？欢迎大家建言。",
     [("resident", "我家住五楼，老人上下楼太难了，希望低层住户多理解。"),
      ("member", "建议由社区牵头，按楼栋成立协商小组，费用按楼层分摊，政府补贴一部分。"),
      ("member2", "可以借鉴乌龙巷社区的做法，先易后难，成熟一栋推进一栋。"),
      ("citizen1", "低层住户的采光和噪音问题也要考虑，补偿方案要公开。")]),
    ("yizheng", "member", "关于加强农村养老服务的几点建议", "加强农村养老服务体系建设",
     "<p>农村留守老人多，建议：</p><ol><li>依托村卫生室开展上门巡诊；</li>"
     "<li>发展互助养老点；</li><li>把养老服务纳入乡村振兴考核。</li></ol>",
     [("citizen2", "互助养老点在我们村已经试点了，老人们很欢迎。"),
      ("staff", "感谢委员建议，已转提案委研究。")]),
    ("minsheng", "citizen1", "随州香菇产业越来越红火了", "",
     "今年去三里岗镇看了香菇基地，自动化程度很高，菇农收入也提高了。",
     [("citizen2", "随州香菇出口全国第一，名不虚传。"), ("resident", "希望多搞点深加工。"),
      ("member2", "委员们也在调研香菇产业链，欢迎大家多提建议。")]),
    ("minsheng", "resident", "城区停车难，大家有什么好办法？", "",
     "晚上回小区经常找不到车位，路边也停满了。", [("citizen1", "建议错时共享机关单位的停车场。")]),
    ("weiyuan", "member", "委员读书活动心得交流", "",
     "最近在读《人民政协重要文献选编》，对“专门协商机构”的定位理解更深了。",
     [("member2", "我们界别小组每月一次线上读书会，欢迎加入。")]),
]  # fmt: skip

# slug, title, theme, period, summary, [(title, period, caption, description, colour)]
EXHIBITIONS = [
    ("zenghouyi", "曾侯乙编钟：礼乐之邦的千古绝响", HallTheme.BRONZE, "战国早期",
     "1978年，随州擂鼓墩曾侯乙墓出土一套65件青铜编钟，音域跨五个半八度，"
     "十二个半音齐备，被誉为“世界第八大奇迹”。",
     [("曾侯乙编钟（全套）", "战国早期", "编钟全貌",
       "全套编钟分三层八组悬挂于钟架，总重2500余公斤。", (121, 85, 61)),
      ("镈钟", "战国早期", "楚惠王赠送的镈钟",
       "钟上铭文记载楚惠王为曾侯乙作宗彝，见证曾楚关系。", (96, 125, 139)),
      ("尊盘", "战国早期", "曾侯乙尊盘",
       "采用失蜡法铸造，透空蟠虺纹繁复精美，是先秦青铜工艺巅峰之作。", (140, 110, 70))]),
    ("yandi", "炎帝神农故里", HallTheme.ORIGINS, "上古",
     "随州厉山是炎帝神农氏的诞生地，每年举办世界华人炎帝故里寻根节。",
     [("神农洞", "上古", "厉山神农洞", "相传炎帝神农氏诞生于此，是海内外华人寻根谒祖的圣地。",
       (46, 125, 50)),
      ("寻根节拜谒大典", "当代", "寻根节现场", "自2009年起，寻根节已连续举办十余届。",
       (183, 28, 28))]),
    ("wenshi", "随州文史资料选辑", HallTheme.LOCAL, "近现代",
     "市政协文史委员会编印的文史资料，记录随州近现代社会变迁与政协历程。",
     [("《随州文史》创刊号", "1980年代", "创刊号封面", "收录亲历、亲见、亲闻的史料回忆文章。",
       (93, 64, 55)),
      ("政协委员之家", "当代", "委员之家", "全市建成“政协委员之家”47处，延伸协商议事平台。",
       (21, 101, 192))]),
]  # fmt: skip
