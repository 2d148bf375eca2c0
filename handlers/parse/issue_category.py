"""Issue category as a small scoring model (PARSING.md, "Issue category").

Evidence comes from two tables: words that name a concern (issue_words: 隐患, 垃圾, 低保…) and patterns that
describe one without naming it — two families quarrelling, pay owed for months, stones coming down
a slope, a question about how to apply. Each hit is worth points to one category; the points are
summed and the category with most wins. Context changes what a hit is worth: a negation before an
abstract word cancels it ("没有发现隐患"), and a sentence that asks how, when or where to apply, pay
or get something turns the words in it into evidence for policy ("医保什么时候交" is a question,
not a livelihood problem). Where the rules find one word at most, words they have never met may still carry the
meaning: a naive Bayes over the labelled texts (category_model) decides then, if it is sure enough.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from handlers.parse.category_model import statistical_category
from handlers.parse.issue_words import WORDS
from handlers.parse.text import SENTENCE, word_pattern

# Ties go to the concern that needs acting on first.
_ORDER = ("safety", "dispute", "livelihood", "environment", "policy")
_MIN_SCORE = 2  # below this, a stray word is not a concern: "other"
# At or below this the rules have seen one word at most, and the statistical model may decide instead.
_WEAK_SCORE = 2

# Longer words that hold a vocabulary word but mean something else: read whole, they count for nothing.
_NOT_EVIDENCE = ("心脏 问题 慰问 访问 问候 顾问 问卷 学问 争取 抢修 抢险 抢收 热闹 理论学习 安全生产 "
                 "打扫卫生 打扫了卫生 矛盾纠纷排查 纠纷排查 矛盾排查 隐患排查 排查会 分类宣传 烤着火 烤火 围着火 挨着火 "
                 "送烟 路牌 站牌 公示牌 指示牌 白干事 低保公示 "
                 # one's own application handed in and waiting is paperwork under way, not a question of policy
                 "补贴申请交上去 补贴申请报上去 申请交上去 申请报上去 申请递上去 申请已经交 申请已交 申请已报")
_POINTS: dict[str, tuple[str, int]] = {w: (cat, pts) for cat, pts, words in WORDS for w in words.split()}
_POINTS.update(dict.fromkeys(_NOT_EVIDENCE.split(), ("", 0)))
_WORD_RE = word_pattern(_POINTS) or re.compile(r"(?!)")  # the vocabulary is never empty

# Abstract words a negation can cancel; concrete ones ("没水", "没人管") carry their own negation.
_NEGATABLE = frozenset("隐患 安全 危险 险情 矛盾 纠纷 冲突 怕出事".split())
# "矛盾纠纷零，安全隐患零" is a tally of none.
_NONE_AFTER = re.compile(r"(?:矛盾|纠纷|安全|隐患)*[：:\s]*(?:零|0(?!\d)|为零|均为零)")
_NEGATION = re.compile(r"(?:没有?|无|未|不存在|排除了?)(?:发现|出现|什么|任何|明显|啥|存在|其他|重大|较大|"
                       r"安全|矛盾|人员?|有|的)*$")

# A word that is part of a place's name ("火星村", "铁桥组", "火星坪村") is not evidence; the one character allowed
# between them must not be a count or a pointer ("停电全村", "停水三组" keep their word).
_PLACE_SUFFIX = re.compile(r"(?:村|组|社区|寨|屯|镇|乡)(?!民|里|子|委|部|干|长|织|内|外|上|中|道|级|集|务|庄|容|规|医|卫|头|尾|小)")
_NOT_IN_NAME = re.compile(r"[\s，,。！!？?、全整各本该这那我你他每满一二三四五六七八九十两几多个0-9]")
_IN_SENTENCE = r"[^。！!？?\n]"

_SURNAME = ("[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
            "戴莫孔向汤储]")
# Two sides of a quarrel: two households, kin, neighbours, or "X家 … Y家".
_PARTY = (r"(?:两家|两户|双方|亲家|房东|租户|租客|房客|业主|物业|商家|顾客|买家|卖家|"
          r"两兄弟|兄弟|姐妹|哥哥|弟弟|妯娌|婆媳|婆婆|儿媳|公公|女婿|丈人|嫂子|弟媳|夫妻|两口子|父子|母子|叔侄|侄子|儿子|儿女|"
          r"子女|老表|亲戚|邻居|隔壁|对门|另一家|另一户|对方|" + _SURNAME + r"家(?:和|跟|与|同))")
_CONFLICT = (r"(?:吵(?:起来|架|嘴|了|过|翻|到村|到镇|得(?:凶|厉害|不可开交))|拌嘴|闹|骂|打起来|打架|动手|扯皮|不让|"
             r"不同意|不认|不理|谈不拢|理论|评理|翻脸|冲突|争(?!取|先)|抢(?!修|救|险|收|种)|互相推|推来推去|谁也不|谁都不|不给|僵|打(?:人|她|他|得|了?[一几两]?[架顿下]|$|\s))")
_MONEY = (r"(?:工资|工钱|薪水|薪资|劳务费|血汗钱|房租|租金|货款|承包费|流转费|押金|定金|欠款|借款|"
          r"(?:做工|干活|打工|帮工|务工|帮人[\u4e00-\u9fff]{1,4})的钱)")
_UNPAID = r"(?:拖|欠|推|躲|没有?(?:发|给|结|付|拿到|到手)|不给|一分没|还没(?:给|结|发|付|到)|不(?:结|发|付|退|还)|赖)"

# Someone's own things, which another person can damage, take or let animals into.
_THEIRS = r"(?:别人|人家|他家|我家|我们家|你家|邻居|隔壁|对面|邻村|外村|别村|" + _SURNAME + r"家)"
_DAMAGES = r"(?:砸|拔|砍|剪|毁|推倒|挖|拆|烧|偷|铲|割|撬|扒)"
_CROPS = r"(?:菜|苗|秧|麦|稻|谷|庄稼|地|田|果|树|瓜|豆|玉米|花生|烟叶)"
_HOME_ANIMAL = r"(?:鸡|鸭|鹅|牛|羊|猪|狗|马)"
_EATS = r"(?:吃|啃|刨|踩|拱|糟蹋)"
# Things overhead or underfoot that can give way, and the ways they are seen to.
_STRUCTURE = r"(?:地基|柱|台|房顶|屋顶|楼板|墙|房|屋|瓦|梁|坝|堤|桥|墩|坡|山体|地面|路面|楼|窑|电杆|电线杆|树|广告牌|招牌|脚手架|塔吊|护坡)"
_GIVING_WAY = r"(?:悬空|朽|陷|裂|歪|斜|塌|垮|鼓|松|晃|掏空|蛀空|渗|下沉|往下沉|露出|倒(?!下了|进|在|了垃圾))"
_WATER = r"(?:河|塘|沟|渠|溪|湖|库|(?<!自来)(?<![井吃喝饮])水)"  # open water, not what comes from a tap or well

# (category, points, pattern): what is described, when the words for it are not said.
_CONTEXT: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple((cat, pts, re.compile(rx)) for cat, pts, rx in (
    # Who did what to whom: two sides and a quarrel between them.
    ("dispute", 3, _PARTY + _IN_SENTENCE + r"{0,30}?" + _CONFLICT),
    # Two families named together only hint at a quarrel ("老李家和老王家都领到了补贴").
    ("dispute", 1, r"(?:老)?(" + _SURNAME + r")家" + _IN_SENTENCE + r"{1,20}?(?:老)?(?!\1)" + _SURNAME + r"家"),
    ("dispute", 2, r"把[^，,。！!？?]{0,12}?(?:家|户|我们|他们|别人|邻居|隔壁)[^，,。！!？?]{0,10}?"
                   r"(?:挖|堵|占|砌|挪|拆|填|铲|砍|围)"),
    ("dispute", 2, r"占了?[^，,。]{0,4}(?:家|户|他们|我们|人)的(?:地|田|路|房|山)"),
    # One side damaging, taking or fencing off what is another's.
    ("dispute", 3, r"(?:把|将)" + _THEIRS + r"[^，,。！!？?]{0,8}?" + _DAMAGES
     + r"|(?:有人|被人|他们?|对方|邻居|隔壁)[^，,。！!？?]{0,6}?" + _DAMAGES + r"了?[^，,。！!？?]{0,6}?" + _THEIRS
     + r"|" + _THEIRS + r"[^，,。！!？?]{0,8}?被(?:人|他|她)[^，,。！!？?]{0,4}?" + _DAMAGES),
    # Something damaged by someone unnamed may be public property, so only a hint.
    ("dispute", 1, r"被人[^，,。]{0,4}" + _DAMAGES),
    ("dispute", 2, r"扣(?:了|着|住)?[^，,。]{0,4}(?:车|东西|证)"),
    # Damage someone is asked to pay for: a claim between two sides ("压坏了一片水稻，要求施工方赔偿").
    ("dispute", 3, r"要求[^，,。]{0,8}赔偿|索赔|讨(?:个)?说法|要(?:个)?说法"),
    ("dispute", 3, _HOME_ANIMAL + _IN_SENTENCE + r"{0,16}?(?:" + _CROPS + _IN_SENTENCE + r"{0,10}?" + _EATS + "|"
     + _EATS + _IN_SENTENCE + r"{0,8}?" + _CROPS + ")"),
    ("dispute", 2, r"(?:拉|拦|堵|挡|封|围)(?:了|着|住)?[^，,。\d一二两三几]{0,4}(?:铁丝|绳|栏|路|门|车|道)"),
    # Money lent or owed between people.
    ("dispute", 3, r"借[^，,。]{0,10}钱" + _IN_SENTENCE + r"{0,24}?(?:没还|不还|还没还|没有还|一分没|找不到|不认|躲)"
                   r"|(?:差|欠)(?:他|她|人家|我|我们|工人)[^，,。]{0,4}(?:[\d一二两三四五六七八九十几百千万]+|钱)"
                   r"|(?:钱|款)[^，,。]{0,6}(?:拿不到|要不到|没拿到|不给|不退)|(?:拿不到|要不到|没拿到|讨不到)[^，,。]{0,3}"
                   r"(?:钱|工钱|款)"),
    # Paid for and not delivered, or a claim for damage refused.
    ("dispute", 3, r"(?:收了|交了|付了|给了)[^，,。]{0,6}(?:钱|定金|订金|押金|首付|款)[^，,。]{0,6}(?:不|没)"
                   r"(?:交|给|退|办|发|做)|赔[^，,。]{0,3}(?:不肯|不给|不认|不干)"),
    # Children who will not keep a parent.
    ("dispute", 3, r"(?:儿子|女儿|儿女|子女|兄弟|姊妹|几个孩子)" + _IN_SENTENCE
     + r"{0,12}?(?:不管|不养|不愿意?(?:接|养|管|照顾)|推来推去|谁也不管|都不管|推)"),
    ("dispute", 2, r"(?:要|让|叫)[他她人]?[^，,。]{0,2}赔|不让[^，,。]{0,2}(?:挖|过|修|走|用|进|种)"),
    ("dispute", 2, r"在[^，,。]{0,8}(?:公共|中间|共用|集体)[^，,。]{0,8}(?:砌|搭|建|占|圈)"),
    # Pay owed: the word 欠薪 is seldom said.
    ("dispute", 4, _MONEY + _IN_SENTENCE + r"{0,10}?" + _UNPAID),  # pay withheld outweighs the hardship it causes
    ("dispute", 3, r"(?:拖欠|欠|拖)(?:了|着)?[^。，,]{0,8}?(?:工资|工钱|房租|租金|货款|劳务费)"),
    # (not a scheme's money asked after: "打工的年轻人问，今年的医保钱交了没有")
    ("dispute", 3, r"(?:(?:干|做)完?活|做工|打工|干了|帮人|工地|包工头|工头|老板|师傅)" + _IN_SENTENCE
     + r"{0,16}?(?<!医保)(?<!社保)(?<!保险)(?<!养老)钱" + _IN_SENTENCE + r"{0,6}?(?:没|不|拖|欠)"),
    # "老板一直说年底结账，现在人都找不到了，一万八千块没着落": pay said as a sum, the boss gone.
    ("dispute", 3, r"(?:老板|包工头|工头|雇主)[^。]{0,24}?(?:结账|工钱|[\d一二两三四五六七八九十几百千万]+块)"
     r"[^。]{0,12}?(?:没着落|找不到|不给|没给|拖着|赖)"),
    # Earth or stones coming down, water taking people, structures giving way.
    ("safety", 3, r"(?:坡|山|崖|坎|岩)" + _IN_SENTENCE + r"{0,10}?(?:土|石|泥|沙)" + _IN_SENTENCE
     + r"{0,10}?(?:往下|滚|掉|滑|冲|垮|塌|落|砸|飞)|(?:坡|山|崖|坎)" + _IN_SENTENCE
     + r"{0,8}?(?:往下|滚|滑|冲|淌)" + _IN_SENTENCE + r"{0,3}?(?:土|石|泥|沙)"),
    ("safety", 3, r"(?:掉|落|跌|滑|摔)(?:进|到|入|下)?[^，,。]{0,3}(?:河|水|塘|井|沟|库)"),
    # People at deep or fast water, or crowded onto a farm vehicle: danger described, not named.
    ("safety", 3, r"(?:游泳|玩水|洗澡|下网|逮鱼|捕鱼|钓鱼|戏水|溜冰|滑冰)" + _IN_SENTENCE + r"{0,16}?(?:水深|水急|流得急|冰薄|危险)"
     + r"|(?:水深|水急|流得急|冰薄)" + _IN_SENTENCE + r"{0,12}?(?:游泳|玩水|下网|逮鱼|捕鱼|钓鱼|戏水)"),
    ("safety", 3, r"(?:小孩|孩子|娃娃|娃儿|学生)" + _IN_SENTENCE + r"{0,10}?(?:游泳|洗澡|戏水|玩水)"),
    ("environment", 2, r"(?:喇叭|音响|广播|广场舞)[^，,。]{0,8}(?:太早|太晚|太响|太吵|声音大|扰民)"),
    ("safety", 3, r"(?:三轮|农用车|拖拉机|货车|面包车)" + _IN_SENTENCE + r"{0,12}?(?:拉|载|坐)" + _IN_SENTENCE
     + r"{0,8}?(?:老人|孩子|学生|人)|超载|(?:一车|车上|车斗里?)坐了?[一二三四五六七八九十几\d]"),
    # Money owed by a scheme that has not come: a hardship ("低保没到账，她来问了好几次"), not a question of rules.
    ("livelihood", 3, r"(?:低保|补助|补贴|养老金|救助金|抚恤金)[^，,。]{0,8}(?:没到账|还没到|没发|没领到|停了|断了|没打到|没到卡)"),
    # Stalls and rubbish spread over the street.
    ("environment", 3, r"占道|摊贩|满街飞|满地都是|到处飞|(?:渣土|建筑垃圾|垃圾)[^，,。]{0,4}倒在"),
    # Two sides at odds over a thing ("上寨和下寨为那股山泉水又闹起来了", "两边又为接水管的事吵起来").
    ("dispute", 3, r"为了?[^，,。]{1,12}(?:的事)?(?:又|还)?(?:闹|吵|争|打)(?:起来|翻|了)"),
    # One household stopping another's building ("邓家堵着不让施工").
    ("dispute", 3, r"(?:堵着|拦着|挡着)不让|不让(?:施工|动工|盖|修|建)"),
    # Gas escaping from a bottle or pipe, and people still living in a house giving way.
    # (a gas smell is a leak before it is a smell: it outweighs the words for smells)
    ("safety", 5, r"(?:液化气|煤气|燃气)[^。]{0,12}(?:松|漏|气味|味道|嘶嘶)"),
    ("safety", 2, r"(?:还|仍)住在里面|人还在里面住|不肯搬|不愿搬|不肯走"),
    ("safety", 4, r"(?:台风|洪水|暴雨|山洪|地灾|汛)[^。]{0,24}(?:不肯|不愿|不想)[^，,。]{0,8}(?:搬|走|撤|转移)"),
    # A fire that has taken hold is a danger, whatever burns ("柴草堆烧起来了，火势不小，已经打了119").
    ("safety", 4, r"火势|打了?119|叫了?消防车?"),
    ("safety", 3, r"消防(?:栓|器材|设施|箱)[^，,。]{0,6}(?:拆|坏|丢|偷|被|空)|灭火器[^，,。]{0,4}(?:过期|坏|没)"),
    # Hardship told, and help asked for it ("家里没什么收入，想申请低保"): not a question of rules.
    ("livelihood", 3, r"想(?:申请|办)[^，,。？?]{0,6}(?:低保|救助|补助|困难补贴)(?![^。？?]{0,8}(?:哪些|怎么|什么|材料))"
     r"|(?:给|帮|替)(?:他|她|老人|他们|这户)(?:家)?申请[^，,。？?]{0,4}(?:低保|救助|补助|困难补贴)"  # asked for someone in need
     r"|没找到工作|找不到工作|没有工作|失业|岗位推荐"),
    # Hardship told, then whether relief can be had: the hardship is the concern, not the rules of applying.
    ("livelihood", 5, r"(?:慢性病|干不了重活|出车祸|走了|没了|残疾|瘫痪|没收入|找不着住处|没(?:有)?住处|没地方住|在楼道里?睡"
     r"|下不了楼|吃饭都成问题|没人照顾|生活很难|生活困难|一个人带|腿脚不方便|做饭都成问题)"
     r"[^。？?]{0,30}(?:(?:能不能|想)[^，,。？?]{0,4}申请[^，,。？?]{0,6}"
     r"(?:低保|救助|助餐|上门服务|居家养老|养老服务)|(?:低保|救助)[^，,。？?]{0,3}(?:能不能|能否)[^，,。？?]{0,6}申请)"
     r"(?![^。？?]{0,8}(?:哪些|怎么|什么|材料))"),
    ("livelihood", 5, r"不敢喝|没法喝|喝不了"),  # drinking water gone bad: the household's hardship first
    ("safety", 3, r"煤烟味|煤气味|烟(?:筒|囱|道)[^，,。]{0,2}(?:漏|堵|坏)"),  # fumes indoors: poisoning, not pollution
    # A road washed or worn into pits: the way people get about, a hardship before it is a hazard.
    ("livelihood", 3, r"(?:路|道)[^，,。]{0,10}(?:冲出|压出|全是|都是)[^，,。]{0,4}坑|坑坑洼洼"
     r"|(?:村道|路面?|道路|公路)[^，,。]{0,10}(?:压坏|压烂|冲坏|冲毁)"),
    # Someone beaten ("被乘客打了"): a quarrel come to blows.
    ("dispute", 3, r"被[^，,。]{0,4}打(?:了|伤)"),
    # Water let out upstream with people still below.
    ("safety", 3, r"泄洪|(?:河滩|河道|河边)[^，,。]{0,8}(?:不肯走|不走|还有人)"),
    # Things piled onto the street are the street's mess before they are anyone's hardship…
    ("environment", 2, r"(?:堆|摆|晒|码|垛)(?:到|在|满)了?[^，,。]{0,4}(?:大街|街上|路上|路边|路口|巷子|巷道|巷里|村道|马路)"
     r"|堆[^，,。]{1,8}[，,、]?[^，,。]{0,8}占了?[^，,。]{0,4}(?:巷子|街|路|道)"),
    # …unless they block the way out of a fire.
    ("safety", 3, r"消防(?:车|通道|栓)[^，,。]{0,6}(?:进不来|进不去|堵|占|挡)"),
    # Straw and stubble burnt in the open: smoke and ash, a matter of the environment.
    ("environment", 3, r"(?:秸秆|玉米秆|玉米秸|麦秸|稻草|麦茬|麦秆|杂草|柴草|树叶|火粪)" + _IN_SENTENCE + r"{0,12}?烧"
     + r"|烧[^，,。]{0,3}(?:秸秆|玉米秆|玉米秸|麦秸|稻草|麦茬|麦秆|荒)"),
    ("safety", 3, _STRUCTURE + r"[^，,。！!？?]{0,8}?" + _GIVING_WAY),
    # Fire that spreads, and gas that escapes: the smell of it is the hazard, not pollution.
    ("safety", 3, r"火(?:苗子?|星子?|势|头)?[^，,。]{0,4}(?:往|窜|跑|蔓延|烧到|烧过来|引燃|燎)"),
    ("safety", 4, r"(?:气|阀门?)[^，,。]{0,6}(?:漏|拧不紧|关不上|滋滋)|臭鸡蛋"),
    # A hole left open, a fall from a height, water deeper than it looks.
    ("safety", 3, r"(?:坑|池|井|沟|洞)[^，,。]{0,10}(?:不围|没围|没有围|没盖|不盖|没有盖|看不见)"
                  r"|(?:滚|摔|掉|跌|翻)(?:下|进|到)[^，,。]{0,3}(?:坎|崖|坡|沟|山|楼|去)"
                  r"|(?:水|积水)[^，,。]{0,4}(?:很深|太深|齐腰|没过)"),
    ("safety", 3, r"(?:山|林|坡)[^，,。]{0,4}(?:有烟|冒烟|起烟|着了)"),
    ("safety", 4, r"(?:烧进|烧到|窜进|引着了?)[^，,。]{0,3}(?:林子|山林|树林|林地|山上|房子)"),  # a field fire gone into the woods
    # a fire engine sent for, or a fire climbing into reeds, stacks or houses: a field fire out of hand
    ("safety", 5, r"(?:叫|派|喊|打)了?消防车|火[^，,。]{0,8}(?:窜|烧到|蔓延|引燃)[^，,。]{0,6}(?:芦苇|林子|树林|草垛|柴垛|房子|山上)"),
    # Wires bare, hanging or run where they should not be.
    ("safety", 2, r"线[^，,。]{0,6}(?:露在外|裸露|拉进|拉到|垂|掉下|搭在|从窗)"),
    # Wiring in a home going bad ("插座发黑，开灯一闪一闪的"); the grid's lines failing is a power cut, a hardship.
    ("safety", 3, r"(?:电线|插座|开关|电表)[^，,。]{0,6}(?:老化|发黑|发烫|烧焦|冒火|打火|一闪)"),
    ("safety", 3, r"(?:结了?冰|路滑|冰面)[^。]{0,20}(?:滑倒|摔)"),  # ice on the way, and someone down on it
    # Children near deep water or a drop.
    ("safety", 2, r"(?:小孩|孩子|娃|学生)" + _IN_SENTENCE + r"{0,12}?(?:水库|河边|塘边|水塘|坝上|悬崖|崖边|坡)"),
    ("safety", 3, r"随时(?:可能|会)[^，,。]{0,3}(?:倒|塌|垮|掉|滑|砸)"),
    # What people walk on or hold onto, giving way.
    ("safety", 2, r"(?:桥|木板|栏杆|护栏|楼梯|平台)[^，,。]{0,6}(?:烂|断|松|朽|坏)"),
    ("safety", 2, r"(?:水|洪)[^，,。]{0,6}(?:淹|漫|涨|冲垮|进屋|掏)|淹到"),
    ("safety", 3, r"(?:院子|屋里|家里|房子|屋子)[^，,。]{0,4}(?:都)?进(?:了)?水|(?:把|将)房子泡"),  # yards flooded
    ("safety", 2, r"(?:树|枝)[^，,。]{0,6}(?:枯|断|折)"),
    ("safety", 2, r"车(?:速|开得|跑得)?[^，,。]{0,4}(?:太快|很快)|翻(?:到|进)?[^，,。]{0,3}沟"),
    ("safety", 2, r"(?:狗|蜂|蛇|野猪|狼|猴)" + _IN_SENTENCE + r"{0,10}?(?:咬|蛰|追|冲|伤人|钻进)|咬了?[^，,。]{0,6}人"),
    ("safety", 2, r"(?:躺|睡|坐)在(?:马路|公路|路)中间|(?:车|货车)[^，,。]{0,6}(?:飞快|超速|太快)"),
    # Noise, dumping and smell, described.
    ("environment", 2, r"(?:吵|开|闹|唱|放|蹦)到(?:半夜|深夜|凌晨|[0-9一两二三四五六七八九十]+点)|太吵|很吵|吵死|"
                       r"(?:声音|唱歌|音乐|喇叭)[^，,。]{0,8}(?:太大|很大|大|(?<!不)响|听得见)"),
    # A works or farm named with what comes out of it.
    ("environment", 2, r"(?:厂|场|作坊|工地)" + _IN_SENTENCE
     + r"{0,12}?(?:粉尘|灰|烟|味|臭|污水|废水|排|噪|吵|响)"),
    ("environment", 2, r"(?:往|在|到)[^，,。]{0,6}(?:河|沟|塘|田|山上|路边|河边|水里|水库|湖|井)"
                       r"[^，,。]{0,4}(?:倒|排|扔|丢)|"
                       r"(?:倒|排|扔|丢)(?:到|进|在|入)[^，,。]{0,4}(?:河|沟|塘|田|水)"),
    ("environment", 2, r"灰(?:太|很|特别)?大|满地是灰|都是灰|一层[白黑]?灰|烧(?:电线|塑料|轮胎|垃圾|稻草|秸秆|废)"
                       r"|灰[^，,。]{0,3}(?:飘|满|到处)|(?:灰|尘|泥)[^，,。]{0,12}(?:盖白|盖住|蒙|落满|一层)"),
    # Water that has changed: its colour, a film or foam on it, fish dying in it.
    ("environment", 3, _WATER + r"[^，,。]{0,8}?(?:[红蓝绿黄黑白紫]|发绿|变了?色|[^，,。]{0,2}色的|浑|油|泡|沫|翻白)"),
    # Dead animals left about, and waste dumped where it does not belong.
    ("environment", 3, r"(?:死|病死|死掉|死了)的?[^，,。]{0,3}(?:猪|狗|猫|鸡|鸭|鹅|鱼|牛|羊|老鼠|动物)"),
    ("environment", 2, r"(?:倒|扔|丢|排|冲|撒)(?:到|进|在|入|满)?了?[^，,。]{0,6}(?:河|沟|塘|渠|田|水|竹林|树林|林子|"
                       r"山上|空地|路边|荒地)"),
    ("environment", 2, r"(?:河道|河里|河床|河滩)[^，,。]{0,6}(?:挖|抽|采)"
                       r"|(?:河|沟|塘|渠|路边|山上|林子)[^，,。]{0,4}(?:全是|都是|到处是|堆满|满是)"),
    ("environment", 2, r"(?:河道|河|沟|渠|下水道|下水)[^，,。]{0,6}堵|(?:机器|马达|机子|发电机|搅拌机|声音)[^，,。]{0,8}"
                       r"(?:不停|一天到晚|日夜|整夜|通宵|响)"),
    # A smell named by what it smells of.
    ("environment", 2, r"(?:一股|有股|满是|都是|全是)[^，,。]{0,6}味|味[^，,。]{0,3}(?:难闻|冲|重|很大|刺)"),
    # Getting by: work, a doctor, water bought or run dry, food and clothes short.
    # Illness and frailty, most of all of the old who live alone.
    ("livelihood", 2, r"(?:得了|患了?|查出)[^，,。]{0,6}(?:病|癌|瘤)|精神[^，,。]{0,3}(?:不正常|有问题|病)"
                      r"|(?:老人|老伴|奶奶|爷爷|婆婆|老汉|老头|老太|岁)" + _IN_SENTENCE
     + r"{0,16}?(?:看不见|听不见|腿|走不动|起不来|瘫|病|摔|没人)"),
    # No water, no power, no income: what a household lives on, gone short.
    ("livelihood", 2, r"没有?(?:水|电)(?:用|喝|吃)?(?!平)|电[^，,。]{0,8}(?:不够|很弱|太弱|一点点|带不动|时有时无)"
                      r"|价[^，,。]{0,3}(?:掉|跌|低)|卖不(?:掉|出|动)|没人(?:来)?收|收了没人"
                      r"|(?:挤|住|睡)在[^，,。]{0,4}(?:棚|车里|别人家|亲戚家|窝)"),
    # Water to drink that tastes or looks wrong is a household's want before it is pollution.
    ("livelihood", 3, r"(?:自来水|井水|吃的水|喝的水|饮用水|水龙头)[^，,。]{0,12}(?:味|黄|浑|沉淀|虫|不能喝|不敢喝)"),
    # A school, clinic or bus taken away, and the distance left to travel.
    ("livelihood", 2, r"(?:村小|学校|教学点|卫生室|班车)[^，,。]{0,3}(?:撤|停|关|没了)"
                      r"|(?:十几|几十|[一二两三四五六七八九十\d]+)里(?:外|路|地)"),
    ("livelihood", 2, r"找(?:点|个|份)?(?:活|工作|事)(?:干|做)|看[^，,。]{0,3}病|买[^，,。]{0,4}水|"
                      r"(?:井|水窖|水池|水源)[^，,。]{0,3}干|缺(?:吃|穿|粮|衣|被|生活)"),
    # A road or crossing that keeps people from getting about.
    ("livelihood", 2, r"(?:路(?!灯|口)|道路|便道|通道|机耕道)[^，,。]{0,8}?"
                      r"(?:坑|烂|坏|冲断|冲出|冲毁|冲走|走不了|不好走|泥水|泥浆|泥巴|泥泞)|"
                      r"绕[^，,。]{0,4}(?:远|路)|走[^，,。]{0,3}(?:小时|里路|公里)"),
))

# A sentence that asks how, when, where or whether about an administrative matter is a policy question.
_ASK = (r"(?:怎么(?!办(?!理))|咋|如何|啥时候|几月|几号|哪天|能不能(?!帮|派|来|尽快|过来|催|协调)|可不可以|"
        r"能否(?!尽快)|是不是|有没有(?!人)|还有没有|"
        r"在哪|去哪|哪里|哪儿|好多钱|几个档次|哪档|哪边|哪个|哪家|找谁|要带|带什么|哪些|什么|多少|是否|一回事|多久|几年|要不要|需不需要|用不用|"
        r"不知道|没有[吗呢]?$|几次|几档|还是按|按什么|怎么算|([\u4e00-\u9fff])不\1(?!\1)|"
        r"[吗呢么][？?]?$)")
_MATTER = (r"(?:医保|社保|养老保险|养老金|保险|新农合|合作医疗|低保(?!户)|好多钱|(?:在)?哪里交|补贴|补助|津贴|资助|奖励费|补偿|抚恤|救助金|"
           r"[^保验]证|卡|户口|执照|手续|材料|证件|单据|审批|审核|流程|报销|能报|报多少|缴费|缴|交钱|补交|补办|"
           r"报名|认证|上牌|名额|优待|待遇|免费|享受|截止|面积|限制|规定|允许|建房|盖房|利息|贷款|信贷|续贷|条件|标准|政策|贷款|贴息|合同|党费|宅基地|搬迁|迁|退耕还林|安置|办理|(?:哪里?|哪儿|能不能)办|[^现资押定订租]金(?!额)|的钱|登记|户籍|承包|流转|出租|转让|"
           r"申请|申领|领取|部门|分红|[交缴][^，,。]{0,3}(?:费|钱))")
_ASK_RE, _MATTER_RE = re.compile(_ASK), re.compile(_MATTER)
_POLICY_QUESTION_POINTS = 2
# Something lost or a small service asked of the village ("羊跑丢了两只 想让村里在大喇叭上喊一喊", "门牌号掉了"):
# neither a quarrel nor a hardship, so weak evidence stays "other" rather than going to the model's guess.
# A sign or notice board blown down is the village's chore too: every set's writers file it under "other".
_ERRAND = re.compile(r"(?:跑|走)丢|走失|丢了[一二两三几\d]|门牌|(?:大喇叭|广播)[^，,。]{0,4}(?:喊|找)|收古董|收老物件|留意一下"
                     r"|(?:宣传|公开|公示|指路|标语|警示)(?:栏|牌)[^，,。]{0,8}(?:倒|垮|坏|掉|破|歪|碎|砸|撕)")


def category_evidence(text: str) -> tuple[str, int]:
    """The main concern and the rules' points for it; weak evidence lets the statistical model decide."""
    score = dict.fromkeys(_ORDER, 0)
    for category, points in _evidence(text):
        score[category] += points
    best = max(_ORDER, key=lambda cat: score[cat])  # max keeps the first of equals: _ORDER breaks ties
    points = score[best]
    if _SCAM.search(text) or _OFFICE_KIT.search(text):  # a scam is a matter of its own, whatever it offers
        return "other", max(points, _MIN_SCORE)
    rules = (best, points) if points >= _MIN_SCORE else ("other", points)
    if points > _WEAK_SCORE or (rules[0] == "other" and _ERRAND.search(text)):
        return rules
    # The model may read a concern the rules missed, or move one word's hint to another concern; it never erases
    # a concern the rules saw ("急需灭火器" stays safety). The points stay the rules' own: a guess must not make
    # chatter look like an issue to the kind decision, which weighs them.
    guess = statistical_category(text)
    if guess is None or (guess == "other" and rules[0] != "other"):
        return rules
    return guess, points


# Someone posing as an official, selling cures or buying up old things from old people: the writers of every set file
# these under "other", as PARSING.md names no category for them.
_SCAM = re.compile(r"冒充|(?<![防反])诈骗|骗子|假冒|传销|保健品|收古董|收老物件")  # not 防诈骗 leaflets
# The village's own things broken (the printer, the loudspeaker, the meeting room's lock): its chore, "other".
_OFFICE_KIT = re.compile(r"(?:打印机|复印机|大喇叭|广播|电脑|投影仪?|活动室[^，,。]{0,4}门锁)[^，,。]{0,6}(?:坏|不响|不好使|用不了)")


def issue_category(text: str) -> str:
    """dispute | safety | environment | livelihood | policy | other, by the main concern."""
    return category_evidence(text)[0]


def _without_place_names(text: str) -> str:
    """The text with vocabulary words that belong to a place's name blotted out."""
    parts: list[str] = []
    end = 0
    # Only the few words just before a place suffix are looked at: a second scan of the whole text would cost more.
    for suffix in _PLACE_SUFFIX.finditer(text):
        for m in _WORD_RE.finditer(text, max(end, suffix.start() - 6), suffix.start()):
            gap = text[m.end():suffix.start()]
            if len(gap) <= 1 and not _NOT_IN_NAME.match(gap):
                parts += (text[end:m.start()], "＿" * len(m.group()))
                end = m.end()
    return "".join(parts) + text[end:] if parts else text


def _evidence(text: str) -> Iterator[tuple[str, int]]:
    text = _without_place_names(text)
    asked = False
    seen: set[str] = set()
    for sentence in SENTENCE.finditer(text):
        piece = sentence.group()
        question = bool(_ASK_RE.search(piece) and _MATTER_RE.search(piece))
        asked = asked or question
        for m in _WORD_RE.finditer(piece):
            word = m.group()
            if word in seen or (word in _NEGATABLE and (_NEGATION.search(piece, 0, m.start())
                                                        or _NONE_AFTER.match(piece, m.end()))):
                continue
            seen.add(word)
            category, points = _POINTS[word]
            # In a question, 医保 or 公交 is the scheme asked after, not a hardship to relieve.
            if points and not (question and category == "livelihood"):
                yield category, points
    if asked:
        yield "policy", _POLICY_QUESTION_POINTS
    for category, points, pattern in _CONTEXT:
        if pattern.search(text):
            yield category, points
