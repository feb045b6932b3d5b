# Exposure：简体中文文案，命令行与桌面应用共用。
# 每条消息都必须与 en/exposure.ftl 中的同名消息使用相同的变量（有测试检查）。

## 标识类型

kind-phone = 手机号码
kind-national_id = 身份证号码
kind-name_dob = 姓名和出生日期
kind-email = 电子邮箱
kind-username = 用户名

## 输入被拒绝的原因

invalid-empty = 没有输入内容
invalid-email-without-at = 邮箱地址需要包含 @
invalid-email-empty-part = 邮箱地址的 @ 前后都需要有内容
invalid-email-domain-without-dot = @ 后面的部分需要包含点，例如 example.com
invalid-email-bad-domain = @ 后面的部分不是有效的域名
invalid-phone-not-a-number = 这不是电话号码
invalid-phone-country-code = 国家或地区代码无法识别
invalid-phone-too-short = 电话号码位数太少
invalid-phone-too-long = 电话号码位数太多
invalid-phone-length = 该地区没有这种位数的电话号码
invalid-phone-local-only = 这个号码只能在本地拨打，请加上区号
invalid-national-id-length = 身份证号码应为 18 位（旧版为 15 位数字）
invalid-national-id-characters = 身份证号码只能包含数字，最后一位可以是 X
invalid-national-id-check-character = 最后一位校验码不对，请检查是否输错
invalid-national-id-birth-date = 身份证号码中的出生日期不是真实存在的日期
invalid-national-id-future-birth-date = 身份证号码中的出生日期在未来
invalid-date-unrecognized = 请按 1985-03-07、1985/3/7 或 1985年3月7日 的格式填写日期
invalid-date-impossible = 这个日期不存在
invalid-date-in-future = 出生日期不能在未来
invalid-name-without-dob = 姓名需要和出生日期一起查询
invalid-dob-without-name = 出生日期需要和姓名一起查询

## 数据类别

class-national_ids = 身份证号码
class-passwords = 密码
class-police_records = 警务记录
class-phone_numbers = 手机号码
class-physical_addresses = 住址
class-dates_of_birth = 出生日期
class-names = 姓名
class-email_addresses = 电子邮箱
class-delivery_records = 快递记录
class-ip_addresses = IP 地址
class-usernames = 用户名
class-genders = 性别
class-other = { $id }

## 建议，每类泄露数据一条。每条按 $channels 选择所在地的官方渠道（crates/core/src/check/advice.rs 的 Channels）：
## cn 中国大陆，hk 香港，tw 台湾，other 不指明。所列渠道的来源：
##   96110 与"国家反诈中心"应用：公安部，https://www.mps.gov.cn
##   12321 网络不良与垃圾信息举报受理中心：https://www.12321.cn
##   中国人民银行征信中心个人信用报告：https://ipcrs.pbccrc.org.cn
##   一证通查（名下登记的电话号码）：工业和信息化部 / 中国信通院，https://getsimnum.caict.ac.cn
##   运营商：中国移动 10086 https://www.10086.cn，中国联通 10010 https://www.10010.com，中国电信 10000 https://www.189.cn
##   香港 18222 防骗易热线（反诈骗协调中心）：https://www.adcc.gov.hk
##   香港"防骗视伏器"（守网者，香港警务处）：https://cyberdefender.hk
##   香港个人资料私隐专员公署 2827 2827：https://www.pcpd.org.hk
##   香港环联信贷报告：https://www.transunion.hk
##   香港短信发送人登记制（登记发送人名称前有"#"）：通讯事务管理局办公室，https://www.ofca.gov.hk
##   台湾 165 反诈骗咨询专线：警政署，https://165.npa.gov.tw
##   台湾财团法人金融联合征信中心信用报告与当事人注记：https://www.jcic.org.tw

# 身份证号码无法更改，所以建议说明应当留意什么。
advice-national_ids = 您的身份证号码已泄露，而且无法更改：请留意是否有人以您的名义办理贷款、电话卡或开设账户。{ $channels ->
        [cn] 请现在并每隔几个月通过中国人民银行征信中心（ipcrs.pbccrc.org.cn，或到银行网点）查询个人信用报告，并通过工业和信息化部"一证通查"（getsimnum.caict.ac.cn）查看您名下登记了哪些电话号码。发现不是您本人办理的，请告知银行或运营商，并报警（110）。
        [hk] 请现在并每隔几个月向环联（transunion.hk）索取信贷报告，发现不是您本人办理的贷款或账户，请告知贷款机构并报警。个人资料私隐专员公署（2827 2827）受理滥用个人资料的投诉。
        [tw] 请现在并每隔几个月向金融联合征信中心（jcic.org.tw）查询信用报告；该中心也可在您的档案中加注，提醒金融机构核实是否本人。发现不是您本人办理的贷款或账户，请报警（110）或拨打 165 专线。
       *[other] 请现在并每隔几个月向所在国家或地区的征信机构查询信用报告，发现不是您本人办理的贷款或账户，请告知贷款机构并报警。
    }
advice-passwords = 您的一个密码已泄露。请在所有用过它的地方修改密码，先从邮箱、银行和支付应用开始，今后每个服务使用不同的密码。
advice-police_records = 与您有关的警务记录已泄露，而且无法收回。有人可能借此羞辱或胁迫您。如果有人引用这些记录联系您，不要付钱或照做，保留聊天和通话记录并报警{ $channels ->
        [cn] （110）。
        [hk] （999）。
        [tw] （110）。
       *[other] 。
    }
advice-phone_numbers = 您的手机号码已泄露。请警惕能说出您真实信息、显得很"官方"的诈骗电话和短信。接到意外来电时绝不转账、绝不提供验证码；挂断后通过官方号码回拨核实。{ $channels ->
        [cn] 遇到诈骗可拨打 96110 或使用"国家反诈中心"应用举报，骚扰电话和垃圾短信可向 12321 举报。请为 SIM 卡设置 PIN 码，并向运营商（中国移动 10086、中国联通 10010、中国电信 10000）询问如何防止他人以您的名义补办 SIM 卡。
        [hk] 付款前请先致电 18222 防骗易热线，并可在"防骗视伏器"（cyberdefender.hk）查询来电号码。已登记发送人的短信以"#"开头。请为 SIM 卡设置 PIN 码，并向电讯商询问如何防止他人以您的名义补办 SIM 卡。
        [tw] 付款前请先拨打 165 反诈骗咨询专线，诈骗电话和短信也可向该专线举报。请为 SIM 卡设置 PIN 码，并向电信业者询问如何防止他人以您的名义补办 SIM 卡。
       *[other] 遇到诈骗请报警。请为 SIM 卡设置 PIN 码，并向运营商询问如何防止他人以您的名义补办 SIM 卡。
    }
advice-physical_addresses = 您的住址已泄露。请留意意料之外的快递、上门人员或信件，也要警惕利用您的住址来骗取信任的人。
# 出生日期同样无法更改。
advice-dates_of_birth = 您的出生日期已泄露，而且无法更改。不要把它用作密码、PIN 码或安全问题的答案，也不要因为来电者知道它就相信对方。
advice-email_addresses = 您的邮箱地址已泄露。请警惕看起来很真实的钓鱼邮件，不要打开意料之外的链接或附件，并为邮箱开启两步验证。{ $channels ->
        [cn] 垃圾邮件和钓鱼邮件可向 12321（12321.cn）举报。
       *[other] 钓鱼邮件可向您的邮箱服务商举报。
    }
advice-delivery_records = 您的快递记录已泄露。骗子常冒充快递员或客服，说出真实订单信息，以"退款""理赔"为名索要费用或支付验证码。请通过商家自己的应用核实。{ $channels ->
        [cn] 此类电话可向 96110 举报。
        [hk] 有疑问时请致电 18222 防骗易热线。
        [tw] 有疑问时请拨打 165 反诈骗咨询专线。
       *[other] 此类电话请报警。
    }
advice-usernames = 您的用户名已泄露。可能有人尝试登录您的账户：请使用强且唯一的密码，并开启两步验证。
advice-ip_addresses = 您用过的一个 IP 地址已泄露。单独来看它透露的信息不多，可能暴露您所在的大致区域和网络运营商。
advice-general = 对那些似乎很了解您的信息保持警惕：对方知道您的个人信息，并不代表对方是正规机构。如果已经被骗钱，请立即报警{ $channels ->
        [cn] （110）。
        [hk] （999）。
        [tw] （110）。
       *[other] 。
    }

## 查询

check-header = 已用 { $packs } 个数据包查询了 { $inputs } 项信息：
check-pack-line = { $title }（{ $entries } 条记录，{ $protection }）
check-input-invalid = 未查询，{ $kind }：{ $reason }
check-summary-none = 在这些数据包的泄露事件中均未找到。
check-none-meaning = 查询范围仅限于您使用的数据包所收录的泄露事件，而且泄露数据中的写法可能与您输入的不同。这并不能保证您的数据是安全的。
check-summary-found = 在 { $count } 起泄露事件中找到了您的信息。
check-breach-dated = { $title }（{ $date }）
check-matched = 匹配的信息：{ $kinds }
check-matched-simplified = 姓名以简体字形式匹配：您输入的是繁体字，这次泄露中记录的是简体字。
check-held-about-you = 其中关于您的数据：{ $classes }
check-breach-exposed = 这次泄露总共暴露的数据：{ $classes }
list-separator = 、
check-from-pack = 来自数据包：{ $pack }
check-advice-heading = 现在应该怎么做：
check-no-input = 没有提供任何信息。请每行写一项，格式为 类型=值，例如 phone=13800138000。
check-no-valid-input = 提供的信息都无法查询。
check-stdin-failed = 无法读取标准输入：{ $reason }
check-prompt-intro = 请输入要查询的信息，按回车跳过。您输入的任何内容都不会被保存或发送。
input-line-no-equals = 第 { $line } 行：每项信息请写成 类型=值，例如 phone=13800138000。
input-line-unknown-kind = 第 { $line } 行："=" 前面的内容不是一种信息类型（为防止其中含有您的个人信息，这里不予显示）。请在行首使用以下类型之一：{ $kinds }。
input-line-unknown-kind-suggest = 第 { $line } 行："=" 前面的内容不是一种信息类型（为防止其中含有您的个人信息，这里不予显示）。您是不是想写 { $suggestion }？可用的类型有：{ $kinds }。
input-line-too-long = 第 { $line } 行超过了 { $max } 字节，远比任何一项信息都长，因此没有读取。请每行写一项，格式为 类型=值。
input-line-not-utf8 = 第 { $line } 行不是 UTF-8 文本。请将输入保存为 UTF-8 编码后重试。
# check --batch：每行一人的 CSV 文件。从不显示其中的值，只显示列号和行号。
batch-no-kind-column = 人员文件的表头没有列出任何信息类型，因此无从查询。请用以下类型命名各列：{ $kinds }（还可以加一列 person，作为每行的标签）。
batch-unknown-column = 人员文件表头的第 { $column } 列不是一种信息类型（为防止表头缺失、这里其实是某人的信息，不予显示）。请将每列命名为以下之一：{ $kinds }，或 person。
batch-unknown-column-suggest = 人员文件表头的第 { $column } 列不是一种信息类型（为防止其中含有某人的信息，不予显示）。您是不是想写 { $suggestion }？可用的类型有：{ $kinds }，或 person。
batch-person-twice = 人员文件的第 { $column } 列是第二个 person 列。请只保留一个标签列。
batch-header-unreadable = 无法将人员文件的表头读取为 CSV。请将文件保存为带表头的 UTF-8 CSV 后重试。
batch-io = 无法读取人员文件：{ $reason }
batch-row-not-utf8 = 第 { $row } 行不是 UTF-8 文本，没有查询。请将文件保存为 UTF-8 编码，再查询这一行。
batch-row-field-count = 第 { $row } 行有 { $found } 个字段，而表头有 { $expected } 个，没有查询。请修正这一行后再查询。
batch-row-malformed = 第 { $row } 行不是有效的 CSV，没有查询。请修正这一行后再查询。
check-batch-person = ── { $person }（第 { $row } 行）
check-batch-row = ── 第 { $row } 行
check-batch-nothing = 这一行没有可查询的内容：各字段都是空的。

prompt-phone = 手机号码
prompt-national_id = 身份证号码（输入时不显示）
prompt-name = 姓名（与出生日期一起查询）
prompt-dob = 出生日期，例如 1985-03-07
prompt-email = 电子邮箱
prompt-username = 用户名

## 规范化

normalize-rejected = 已拒绝：{ $reason }
normalize-no-input = 没有提供任何值：请在标准输入中每行给出一个。

## 数据包

protection-weak = 弱保护
protection-standard = 标准保护
protection-strong = 强保护
pack-demo-label = 演示数据：虚构人物，并非真实泄露
pack-synthetic-label = 合成数据：为测量规模而写入的随机密钥，不是真实泄露
cli-pack-synth-about = 写入由随机密钥构成的合成数据包，用于测量和测试规模
cli-synth-entries-help = 要写入的随机密钥数
cli-synth-from-help = 一个小型真实数据包：保留其参数、泄露事件和记录，其中的人可在随机密钥中被查到
cli-synth-seed-help = 随机密钥的种子：相同选项生成相同的数据包
synth-done = 已在 { $seconds } 秒内写入合成数据包 { $path }
synth-entries = { $random } 条随机记录，{ $kept } 条保留自 --from
pack-duplicate = { $path } 与 { $first } 是同一个数据包，只使用一次。
pack-missing = 数据包 { $path } 不存在。
pack-not-a-file = { $path } 不是文件，因此不可能是数据包。
pack-unreadable = 无法读取数据包 { $path }：{ $reason }。
pack-not-sqlite = { $path } 不是数据包（它不是 SQLite 数据库）。
pack-not-a-pack = { $path } 是 SQLite 数据库，但不是 Exposure 数据包。
pack-wal-mode = 数据包 { $path } 使用了数据包从不使用的预写日志模式，已拒绝。
pack-unsupported-version = 数据包 { $path } 的格式版本为 { $version }，当前版本的 Exposure 无法读取。请更新 Exposure。
pack-unsupported-normalization = 数据包 { $path } 使用第 { $version } 版标识符规范化构建；当前版本的 Exposure 只支持到第 { $known } 版，会漏查数据包中的人。请更新 Exposure。
pack-unexpected-schema = 数据包 { $path } 的表结构与数据包格式不符，已拒绝。
pack-bad-meta = 数据包 { $path } 的"{ $field }"设置缺失或无效，已拒绝。
pack-bad-breach = 数据包 { $path } 中有无效的泄露事件记录（{ $breach }），已拒绝。
pack-bad-value = 数据包 { $path } 格式不正确：其 { $table } 表中有类型错误的值。已拒绝；请向其整理者重新获取一份。
pack-value-too-large = 数据包 { $path } 中有一个值大于任何正常数据包中的值，已拒绝。
pack-corrupt = 数据包 { $path } 已损坏（完整性检查失败）。请重新获取一份。
pack-bad-cost = 数据包 { $path } 要求的哈希成本不合理：{ $reason }。正常的数据包不会这样要求：请向其整理者重新获取一份。
pack-sqlite = 无法读取数据包 { $path }（SQLite 错误 { $code }）：它已损坏，或不是由 Exposure 生成的。请向其整理者重新获取一份。
pack-write = 无法写入数据包 { $path }：{ $reason }
pack-signature-write = 无法写入签名 { $path }，数据包未签名：{ $reason }
pack-entry-out-of-range = 未写入数据包 { $path }：有一条记录指向数据包中不存在的泄露事件或数据类别，说明其来源的分片部分已损坏或被伪造。请重新构建各个部分。
pack-same-id = { $path } 声称与另一个数据包 { $used } 的标识相同（{ $id }），但内容不同。已使用签名更可信的那个：{ $used }。请只保留从整理者处获得的数据包。
pack-too-large = 数据包 { $path } 大于 { $max } 字节，超出本版 Exposure 能打开的上限。
pack-bad-header = 数据包 { $path } 的 SQLite 文件头是 Exposure 从不写入的（页大小、日志模式、空闲页或编码不符）；已拒绝。请向其整理者重新获取一份。
pack-length-mismatch = 数据包 { $path } 的长度与其文件头所写不符：它被截断了，或被附加了字节（例如复制中断）。已拒绝；请重新复制。
pack-too-many-rows = 数据包 { $path } 的 { $table } 表中的行数超过了任何数据包允许的上限；已拒绝。请向其整理者重新获取一份。
pack-bad-palette = 数据包 { $path } 中泄露事件与数据类别组合表无效；已拒绝。请向其整理者重新获取一份。
pack-root-mismatch = 数据包 { $path } 已损坏或被篡改：其内容与其声明的哈希值不符。已拒绝；请向其整理者重新获取一份。
pack-damaged = 数据包 { $path } 已损坏或被篡改：本次检查读取的部分缺失或与其哈希树不符，因此未采用其中的任何结果。请向其整理者重新获取一份。
pack-bad-bucket = 数据包 { $path } 中的记录格式不符合数据包格式，因此未采用其中的任何结果。请向其整理者重新获取一份。
pack-writer-limit = 未写入数据包 { $path }：其记录超出了数据包格式的容量（泄露事件与数据类别的组合超过 65536 种，或记录数远超任何泄露）。请把构建计划拆分为多个数据包。
pack-entries-changed = 未写入数据包 { $path }：第二次读取时其记录与第一次不同，或未按顺序排列。请确保写入数据包期间没有任何程序改动输入，然后重试。
io-not-found = 它不存在（请检查路径）
io-permission-denied = 没有权限（请检查谁可以读写它）
io-is-a-directory = 它是文件夹，不是文件
io-not-a-directory = 它本身或其路径中的某一级不是文件夹
io-already-exists = 已有同名文件
io-invalid-data = 其内容不是预期编码的有效文本（除非另有声明，应为 UTF-8）
io-truncated = 它提前结束了：文件不完整
io-storage-full = 磁盘已满；请腾出空间后重试
io-read-only = 磁盘或文件夹是只读的
io-too-large = 它太大了
io-out-of-memory = 内存不足；请关闭其他程序，或给出更小的 --memory
io-would-block = 它尚不能读取（是管道或设备？）；请给出普通文件
io-other = 操作系统报告了输入/输出错误；请检查磁盘后重试
io-not-a-file = 它不是普通文件（而是文件夹、设备或管道）；请给出文件的路径
io-larger-than = 它大于 { $max } 字节，远超此类文件应有的大小
pack-timed-out = 读取数据包 { $path } 所用时间远超任何正常数据包所需，已拒绝。
pack-signature-unreadable = 无法读取数据包 { $path } 旁的签名文件：{ $reason }。
pack-signature-malformed = 数据包 { $path } 旁的签名文件不是 minisign 签名，数据包已被拒绝。
pack-signature-legacy = 数据包 { $path } 使用旧式（未预哈希）的 minisign 签名，Exposure 不接受；请让整理者重新签名。
pack-signature-control = 数据包 { $path } 的签名注释中含有控制字符，数据包已被拒绝。
pack-signature-invalid = 数据包 { $path } 的签名与其内容不符：数据包在签名后被改动过，或签名属于另一个文件。已拒绝。
pack-signature-comment-invalid = 数据包 { $path } 旁的签名文件被改动过：其受信任的注释不是该密钥所签的内容。数据包已被拒绝；请向整理者重新获取数据包及其签名。
pack-signature-cancelled = 数据包 { $path } 的签名核验在完成前被取消，签名未经核验；请重新运行以核验。
pack-signature-unbound = 数据包 { $path } 的签名有效，但没有说明它属于哪个数据包；请用 "exposure pack sign" 签名。
pack-signature-mismatch = 数据包 { $path } 的签名是为另一个数据包做的（其 { $field } 不同），数据包已被拒绝。
signature-trusted = 由受信任的密钥签名（{ $key }）
signature-unknown-signer = 由未知密钥签名（{ $key }），签名未经核验
signature-unsigned = 未签名，没有人为这个数据包担保
key-unreadable = 无法读取密钥文件或文件夹 { $path }：{ $reason }。
key-malformed = { $path } 不是 minisign 密钥。
references-unreadable = 无法读取你添加的数据包列表 { $path }：{ $reason }。请重新添加你的数据包。
references-malformed = 你添加的数据包列表 { $path } 已损坏。请重新添加你的数据包，列表会重新写入。
references-unwritable = Exposure 无法保存你添加的数据包列表 { $path }（{ $reason }）：这次更改只在关闭应用前有效。请让该文件夹可写，然后重新添加或移除该数据包。
key-needs-password = 私钥 { $path } 受密码保护：请在提示时输入，或使用 --password-file。
key-wrong-password = 私钥 { $path } 的密码错误。
error-cost-out-of-bounds = 它的 argon2 成本（内存 { $m } KiB，{ $t } 轮，{ $p } 路并行）超出 Exposure 接受的范围（内存最多 { $max_m } KiB、最多 { $max_t } 轮、最多 { $max_p } 路并行，且内存乘以轮数不超过强保护档的四倍）

info-id = 数据包编号：{ $id }
info-curator = 整理者：{ $curator }
info-created = 创建时间：{ $created }
info-entries = 记录数：{ $entries }
info-protection = 保护强度：{ $protection }（argon2id，内存 { $m } KiB，{ $t } 轮，{ $p } 路并行）
info-breaches = 共 { $count } 起泄露事件：
info-breach = { $title }，{ $date }，{ $records } 条记录
info-limit-heading = 诚实的说明：猜测的代价
info-limit-intro = 任何拿到这个数据包的人都可以用它验证猜测。在这台电脑上，单个核心验证一次猜测需要 { $ms } 毫秒；使用它的全部 { $cores } 个核心：
info-attack = { $attack }：{ $time }
# 显卡的数字由公开的基准测试换算而来（crates/core/src/check/guess_cost.rs，GPU_BENCHMARK）。
info-limit-gpu-intro = 租用显卡的攻击者会更快。按 hashcat 的 argon2id 基准测试（{ $date }，{ $source }）换算到本数据包的内存和轮数，一块 { $device } 每秒约可验证 { $rate } 次猜测。只用一块这样的显卡：
info-limit-gpu-outro = 租用一百块显卡，所需时间只有上面的百分之一。
info-limit-outro = 显卡或大量电脑可以快得多。数据包能让旁人无法随意看出谁在其中，但无法向已经掌握某人信息的人隐藏此人。

attack-all-mobiles = 尝试所有中国手机号码
attack-all-national-ids = 尝试所有有效的身份证号码
attack-one-national-id = 验证一个已知出生地和生日的人
attack-known-name = 用一个已知姓名尝试一百年内的所有生日
attack-one-million-emails = 验证一份一百万个邮箱地址的名单
attack-one-person = 验证一个已知用户名

span-years = 约 { $n } 年
span-days = 约 { $n } 天
span-hours = 约 { $n } 小时
span-minutes = 约 { $n } 分钟
span-seconds = 约 { $n } 秒

## 构建计划

plan-read = 无法读取构建计划 { $path }：{ $reason }
plan-syntax = 构建计划 { $path } 第 { $line } 行第 { $column } 列有错误：{ $reason }。
plan-syntax-toml = 这不是有效的 TOML（请检查引号、括号和"="号）
plan-syntax-missing-field = 此处缺少设置"{ $field }"
plan-syntax-unknown-field = 此处没有名为"{ $field }"的设置（请检查拼写及其所在的表）
plan-syntax-duplicate-key = "{ $field }"出现了两次
plan-syntax-unquoted-date = 日期必须写在引号中，格式为 "YYYY-MM-DD"
plan-syntax-expected-text = 此处必须是带引号的文本（标题也可以是按语言分列的文本表）
plan-syntax-expected-boolean = 此处必须是 true 或 false
plan-syntax-expected-list = 此处必须是方括号中的列表，例如 [ "names" ]
plan-syntax-expected-table = 此处必须是设置表
plan-syntax-wrong-type = 此值的类型不适用于该设置
plan-syntax-unknown-value = 此处不允许"{ $value }"；请使用以下之一：{ $allowed }
plan-no-breaches = 构建计划 { $path } 没有 [[breach]] 部分（{ $what }）。
plan-empty-title = 构建计划 { $path } 需要标题（{ $what }）。
plan-empty-curator = 构建计划 { $path } 需要整理者（{ $what }）。
plan-bad-pack-id = 构建计划 { $path } 中，{ $what } 只能使用小写字母、数字和短横线。
plan-unknown-region = 构建计划 { $path } 中，{ $what }："{ $detail }"不是已知的地区代码（例如 CN）。
plan-bad-breach-id = 构建计划 { $path } 中，{ $what }：泄露事件编号只能使用小写字母、数字和短横线。
plan-duplicate-breach-id = 构建计划 { $path } 中，{ $what }：这个泄露事件编号重复使用了。
plan-bad-date = 构建计划 { $path } 中，{ $what }：日期格式必须是 YYYY-MM-DD、YYYY-MM 或 YYYY。
plan-bad-class = 构建计划 { $path } 中，{ $what }："{ $detail }"不是 snake_case 形式的数据类别编号。
plan-too-many-classes = 构建计划 { $path } 声明的数据类别超过 64 个（{ $what }）。
plan-no-sources = 构建计划 { $path } 中，{ $what } 没有 [[breach.source]]。
plan-source-missing = 构建计划 { $path } 中，{ $what }：文件 { $detail } 不存在。
plan-source-not-a-file = 构建计划 { $path } 中，{ $what }：{ $detail } 不是普通文件。
plan-source-unreadable = 构建计划 { $path } 中，{ $what }：无法读取 { $detail }
plan-source-header-encoding = 构建计划 { $path } 中，{ $what }：{ $detail } 的表头行不是有效的 { $encoding } 文本；请检查构建计划为它声明的编码。
plan-source-empty = 构建计划 { $path } 中，{ $what }：文件 { $detail } 是空的。
plan-source-utf16 = 构建计划 { $path } 中，{ $what }：{ $detail } 是 UTF-16 或 UTF-32 文本；UTF-16 请为这个数据源设置 encoding = "utf-16"（或 "auto"），UTF-32 请先转换为 UTF-8。
plan-source-not-utf8 = 构建计划 { $path } 中，{ $what }：{ $detail } 不是 UTF-8 文本（第 { $line } 行不是有效的 UTF-8），但可以按 GB18030 读取；请为这个数据源设置 encoding = "gb18030"。
plan-source-looks-utf8 = 构建计划 { $path } 中，{ $what }：{ $detail } 声明为 { $encoding }，实际却是 UTF-8 文本，这样读取会变成乱码（张伟 会读成 寮犱紵），生成错误的密钥；请为这个数据源设置 encoding = "utf-8"。
plan-source-utf16-without-bom = 构建计划 { $path } 中，{ $what }：{ $detail } 看起来是 UTF-16，但没有字节顺序标记（BOM），字节顺序只能靠猜，猜错会把每个字符都读成别的字符；请把它另存为带 BOM 的 UTF-16，或者 UTF-8。
plan-source-encoding-undetected = 构建计划 { $path } 中，{ $what }：无法判断 { $detail } 的编码（最可能的 { $guess } 不是 Exposure 能读取的编码）；请为这个数据源把 encoding 设为 "utf-8"、"gb18030"、"big5" 或 "utf-16"。
plan-source-archive = 构建计划 { $path } 中，{ $what }：{ $detail }：{ $reason }
plan-member-without-zip = 构建计划 { $path } 中，{ $what }："member" 指的是 zip 压缩包里的文件，但 { $detail } 没有按 zip 读取；请删除 "member"，或设置 compression = "zip"。
archive-not-zip = 它不是 zip 压缩包，或者压缩包的文件列表已损坏；请检查文件是否完整，或为这个数据源设置 compression。
archive-no-member = zip 压缩包里没有文件。
archive-several-members = zip 压缩包里有 { $count } 个文件；请用 member = "…"（文件在压缩包里的路径）指明要读取哪一个。
archive-member-missing = zip 压缩包里没有名为"{ $member }"的文件；请对照压缩包的文件列表检查 member。
archive-unsafe-member = zip 压缩包里的文件"{ $member }"的路径会跳出压缩包（../ 或绝对路径），这是恶意压缩包的迹象，永远不会读取它。请用可信的工具解压并先检查数据。
archive-encrypted = zip 压缩包里的文件"{ $member }"已加密；请先用密码解密。
archive-unsupported-method = zip 压缩包里的文件"{ $member }"用 deflate 以外的方法压缩；请重新压缩为普通的 zip 或 gzip。
archive-bomb = 它解压后超过压缩大小的 { $ratio } 倍，真实的数据不会这样：这是解压炸弹。没有写入任何东西。
archive-damaged = zip 压缩包里的文件"{ $member }"已损坏（校验和或大小不符）；请重新获取压缩包。
plan-unknown-field = 构建计划 { $path } 中，{ $what }："{ $detail }"不是有效字段；请使用 email、phone、national_id_cn、username、name、dob、address、gender、password、ip_address、police_record、delivery_record、data:<类别> 或 ignore。
plan-unknown-column = 构建计划 { $path } 中，{ $what }：文件表头中没有"{ $detail }"这一列。
plan-bad-column-number = 构建计划 { $path } 中，{ $what }：没有表头时，列用从 1 开始的数字表示，而不是"{ $detail }"。
plan-column-past-end = 构建计划 { $path } 中，{ $what }：没有第 { $detail } 列：文件第一行只有 { $columns } 列。请按文件中的实际位置从 1 开始给列编号。
plan-duplicate-column = 构建计划 { $path } 中，{ $what }："{ $detail }"这一列被映射了两次（比较列名时忽略首尾空格）；每一列只能映射一次。
plan-header-with-jsonl = 构建计划 { $path } 中，{ $what }：JSON Lines 文件没有表头，请删除 "header"。
plan-no-key-field = 构建计划 { $path } 中，{ $what }：没有任何一列能生成密钥；请至少映射 email、phone、national_id_cn、username 之一，或同时映射 name 和 dob。
plan-name-without-date = 构建计划 { $path } 中，{ $what }：姓名只有和出生日期一起才能生成密钥，请同时映射 dob 列。
plan-option-not-for-format = 构建计划 { $path } 中，{ $what }："{ $option }" 不是 { $format } 格式的选项；请删除它，或改用它所属的格式（"table"：sql，"delimiter"：text，"sheet"：xlsx）。
plan-sql-table-unnamed = 构建计划 { $path } 中，{ $what }：SQL 转储可能包含多张表，请用 table = "…" 指定要读取的表（第一张有数据的表是"{ $detail }"）。
plan-sql-no-rows = 构建计划 { $path } 中，{ $what }：{ $detail } 中没有数据行：既没有 INSERT … VALUES，也没有 COPY … FROM stdin。它是否只是表结构的转储，而不是数据的转储？
plan-sql-unknown-table = 构建计划 { $path } 中，{ $what }：转储中没有任何 INSERT 或 COPY 向表"{ $detail }"写入数据；其中有数据的表是：{ $tables }。请检查 table 的拼写。
plan-sql-unknown-column = 构建计划 { $path } 中，{ $what }：列"{ $detail }"既不在表"{ $table }"第一条 INSERT 或 COPY 的列清单中，也不在它的 CREATE TABLE 中；该表的列有：{ $columns }。
plan-sql-no-column-names = 构建计划 { $path } 中，{ $what }：找不到列"{ $detail }"：表"{ $table }"的 INSERT 语句没有列出列名，之前也没有它的 CREATE TABLE；请按每个元组中的位置从 1 开始给列编号。
plan-missing-delimiter = 构建计划 { $path } 中，{ $what }：text 格式的来源需要分隔符（字段之间的字符串），请添加，例如 delimiter = "----"。
plan-bad-delimiter = 构建计划 { $path } 中，{ $what }：分隔符为空或包含换行符；请填写一行中字段之间的字符串，例如 "----" 或 "|"。
plan-not-json-array = 构建计划 { $path } 中，{ $what }：{ $detail } 不以 "[" 开头，不是一个 JSON 数组；如果文件每行一个 JSON 对象，请设置 format = "jsonl"。
plan-json-not-utf8 = 构建计划 { $path } 中，{ $what }：JSON 必须是 UTF-8；请删除 "encoding"，或把文件转换为 UTF-8 后使用 format = "json"。
plan-workbook-unreadable = 构建计划 { $path } 中，{ $what }：{ $detail } 不是可读取的工作簿（xlsx、xls 或 ods），或已损坏；请用电子表格软件打开后另存为 xlsx。
plan-workbook-bomb = 构建计划 { $path } 中，{ $what }：已拒绝 { $detail }：其中的部件 { $part } 解压后超过自身大小的 { $ratio } 倍，或整体读取超过 { $limit } MiB，与压缩炸弹相同。请用可信的电子表格软件把工作表另存为 xlsx 或 CSV。
plan-workbook-long-cell = 构建计划 { $path } 中，{ $what }：已拒绝 { $detail }：其中的部件 { $part } 含有超过 { $limit } MiB 的单元格或 XML 片段，电子表格软件不会写出这样的内容（一个单元格最多 32,767 个字符）。请用可信的电子表格软件把工作表另存为 xlsx 或 CSV。
plan-workbook-too-large = 构建计划 { $path } 中，{ $what }：{ $detail } 是大于 { $limit } MiB 的 xls 或 ods 文件，这类文件需要整体读取；请另存为 xlsx（可逐行读取）或 CSV。
plan-workbook-too-many-cells = 构建计划 { $path } 中，{ $what }：{ $detail } 是 xls 或 ods 文件，其工作表展开后超过 { $cells } 百万个单元格（从每个工作表的第一个单元格到最后一个，包括 ods 文件重复的行和列），需要整体读取；请先删除其中重复的空行和空列以及远离其余数据的单元格，再另存为 xlsx（可逐行读取）或 CSV。
plan-workbook-too-much-text = 构建计划 { $path } 中，{ $what }：{ $detail } 是 xls 或 ods 文件，其单元格中的文字超过 { $limit } MiB（与其他单元格共用或重复的文字，每个单元格各存一份），需要整体读取；请另存为 xlsx（可逐行读取）或 CSV。
plan-unknown-sheet = 构建计划 { $path } 中，{ $what }：{ $detail } 中没有这个名称的工作表；现有工作表：{ $sheets }。请把 sheet 设为其中之一，或删除它以读取第一个工作表。
plan-workbook-no-sheet = 构建计划 { $path } 中，{ $what }：{ $detail } 中没有可读取的工作表。

## 构建

row-problem-encoding = 不是所声明编码下的有效文本
row-problem-field-count = 字段数量不对
row-problem-json = 不是 JSON 对象
row-problem-no-identifier = 没有可用的标识信息
row-problem-too-long = 某个值超过 1 MiB，或某行超过 64 MiB
row-problem-nul-byte = 值中含有 NUL 字节（二进制数据，或 UTF-16 文本？）
row-problem-repeated-header = 重复出现的表头行
row-problem-duplicate-key = JSON 对象中同一个键出现了两次
row-problem-mangled-number = 数字已失真：请写成文本（标识信息写成了带小数或位数超出浮点数精度的 JSON 数字）
row-problem-sql-syntax = 不是 SQL 值的列表（该语句的其余部分也已跳过）
row-problem-truncated = 被文件结尾截断（转储不完整，或引号没有闭合）
row-problem-extended-json = MongoDB Extended JSON 值不是数字、ID 或日期（未知的 "$" 键）；请把该字段导出为文本
row-problem-spreadsheet-number = 数字已被电子表格截断：电子表格只保留 15 位有效数字，以数字存储的身份证号已丢失末尾几位；请把该列导出为文本
row-problem-date-cell = 应为手机号、身份证号、邮箱或用户名的位置是日期单元格：电子表格把该值当成了日期；请把该列设为文本格式后重新导出
dump-unclosed-quote = 第 { $line } 行开始的引号（"）一直没有闭合
build-rejected-value = { $kind }被拒绝：{ $reason }
build-read-failed = 读取 { $path } 失败：{ $reason }
build-records-out-of-order = { $path } 中的记录顺序错乱：文件已损坏，或并非由 Exposure 写入，因此不能合并。请加上 --force 重新构建这个部分。
build-records-out-of-order-spilled = 构建过程中排好序的临时文件读回时顺序错乱：输出文件所在的磁盘或内存可能有故障。没有写入数据包；请重新构建，或把数据包写到另一块磁盘上。
build-row-too-long = { $path } 中有一行超过 { $max } 字节（引号不配对？）；构建已停止，没有写入数据包。
build-unclosed-quote = { $path }：第 { $line } 行开始的引号（"）一直没有闭合，之后的所有行都会被读成一个字段；构建已停止，没有写入数据包。请在文件中补上或删除这个引号后重新构建。
build-archive-failed = 读取 { $path } 已停止：{ $reason }
build-workbook-unreadable = 工作簿 { $path } 在读取工作表的中途发现已损坏，因此没有写入数据包。请用电子表格软件打开它，另存为 xlsx 后重新构建。
build-no-keys = 数据文件中没有任何一行生成了密钥（读取 { $rows } 行{ $count ->
    [0] {""}
   *[other] ；最常见的原因：{ $count } × { $reason }
}），因此没有写入数据包。请对照文件检查构建计划中的列、格式和编码。
build-write-failed = 写入 { $path } 失败：{ $reason }
build-output-is-folder = { $path } 是文件夹，不是文件名：请给出要写入的数据包文件名，例如该文件夹中以 .exposure 结尾的文件名。
build-output-folder-missing = { $path } 所在的文件夹不存在：请先创建该文件夹，或把数据包写入已存在的文件夹。尚未读取任何数据。
build-output-not-a-file = { $path } 已存在，但不是普通文件（而是设备、管道或套接字）；未对其做任何改动。请改为写入一个文件名。
build-output-is-input = { $path } 是本次构建要读取的文件（构建计划、数据文件、分片集或分片部分）：把数据包写到那里会毁掉它，因此什么也没有写入。请换一个输出文件。
build-output-not-a-pack = { $path } 已存在，且不是 Exposure 数据包；未对其做任何改动。请换一个输出文件，或加上 --force 替换它。
build-output-in-use = { $path } 正被另一个程序打开（Exposure 应用或另一个 exposure 命令），而 Windows 无法替换已打开的文件；未对其做任何改动。请关闭那个程序，或把数据包写到另一个文件，然后再运行一次。
build-thread-failed = 系统无法再启动一个工作线程（{ $reason }）；请减少 --threads。
build-too-many-threads = --threads { $threads } 超出内存预算：在此档位下每个线程的 argon2 需要 { $per_thread } MiB，而 { $memory } MiB 最多容纳 { $fit } 个线程。请最多使用 --threads { $fit }，或增大 --memory。
build-too-many-breaches = 构建计划中的泄露事件太多，一个数据包放不下。
build-cancelled = 构建已取消，没有写入数据包。
synth-from-empty = { $path } 不含任何记录，随机密钥无所属的泄露事件。请为 --from 选择一个有记录的数据包，或不使用 --from。
build-done = 已构建 { $path }，用时 { $seconds } 秒
build-rows-read = 读取行数：{ $rows }（每秒 { $rate } 行）
build-rows-used = 至少生成一个密钥的行数：{ $rows }
build-rows-skipped = 跳过的行数：{ $rows }
build-values-rejected = 被拒绝的值：{ $values }
build-warning-rows-lost = 警告：{ $rows } 行中有 { $lost } 行（{ $percent }%）没有生成密钥。使用这个数据包之前，请检查构建计划中的列、格式和编码。
build-warning-unmatched-path = 警告：{ $file } 中没有任何一行含有 JSON 路径"{ $column }"；请检查拼写（这一列什么都没有读到）。
build-encoding-detected = { $file }：按 { $encoding } 读取（根据 encoding = "auto" 由前 { $bytes } 字节自动检测）。
build-count-reason = { $count } × { $reason }
position-line = 第 { $line } 行
position-tuple = 第 { $line } 行，第 { $statement } 条语句，第 { $tuple } 个元组
position-element = 第 { $line } 行，数组的第 { $element } 个元素
position-sheet-row = 工作表 { $sheet } 第 { $row } 行
position-cell = 单元格 { $sheet }!{ $cell }
build-examples = 前几个示例（文件、位置、打码后的值）：
build-example = { $file } { $position }：{ $reason }
build-example-masked = { $file } { $position }：{ $reason }（{ $masked }）
build-keys = 密钥：{ $keys }（{ $detail }）
build-key-rate = 密钥派生速度：每秒 { $rate } 个
build-entries = 条目：{ $entries }
build-pack-size = 数据包大小：{ $bytes } 字节（每个条目 { $per_entry } 字节）
build-spilled = 为不超出内存预算而写入磁盘的有序批次：{ $runs }（{ $hashes } 次哈希）
shards-initialized = 分片集已写入 { $path }：共 { $count } 个部分。用 --shard I/{ $count } 分别构建每个部分，再用 `exposure pack merge` 合并。
shard-already-built = { $path } 已构建完成，无需再做（如需重建请加 --force）。
shard-io = 读写 { $path } 失败：{ $reason }
shard-not-a-set = { $path } 不是 Exposure 分片集。
shard-bad-cost = 分片集或部分文件 { $path } 要求的哈希成本不合理：{ $reason }。它被手工修改过或已损坏：请用 --init-shards 和 --profile 重新生成分片集。
shard-truncated = 部分文件 { $path } 比其文件头所述的短：文件不完整（复制或构建中途停止）。请重新复制，或重新构建这个部分：exposure build PLAN --shards DIR --shard { $shard } --force
shard-not-a-part = { $path } 不是 Exposure 分片部分文件，或已损坏。
shard-part-damaged = { $path } 已损坏：校验和与内容不符（或文件不完整），不能合并。请重新构建这个部分：exposure build PLAN --shards DIR --shard { $shard } --force
shard-part-old = { $path } 是旧版 Exposure 构建的，没有校验和。请重新构建这个部分：exposure build PLAN --shards DIR --shard { $shard } --force
shard-plan-changed = 自分片集 { $path } 创建以来，计划或其数据文件已改变；请重新创建分片集。
shard-wrong-count = 分片集 { $path } 共有 { $count } 个部分。
shard-mismatch = { $path } 与其他部分不属于同一分片集或计划。
shard-missing = 缺少第 { $index } 部分（共 { $count } 部分）；合并需要所有部分。
shard-duplicate = 第 { $index } 部分给出了两次。
shard-exists = { $path } 已存在：新建分片集会改变盐值，使已构建的部分失效。
shard-normalization = { $path } 是按{ $found ->
        [0] 未记录版本的
       *[other] 第 { $found } 版
    }标识符规范化规则制作的，而本版 Exposure 使用第 { $current } 版：同一个值会生成不同的密钥，两者的部分不能合并。请重新创建分片集（--init-shards），并用本版本重新构建每个部分。

progress-reading = 读取
progress-deriving = 哈希
progress-writing = 写入
progress-verifying = 核验
progress-rows = { $rows } 行，每秒 { $rate } 行

## 演示

demo-write-failed = 无法写入演示文件：{ $reason }
demo-out-not-empty = { $path } 中已有文件，演示绝不会覆盖它们。请为 --out 指定一个新的或空的文件夹。
demo-out-not-a-folder = { $path } 已存在，但不是文件夹。请为 --out 指定一个新的或空的文件夹。
demo-try = 试一试：printf 'phone={ $phone }\n' | exposure check --pack { $pack }

## 命令行

cli-about = 离线查询您的个人信息是否出现在已知的泄露事件中。
cli-long-about = Exposure 在本机用泄露数据包查询手机号码、身份证号码、姓名加出生日期、邮箱和用户名。您输入的任何内容都不会离开这台电脑。整理者用 "exposure build" 从泄露数据构建数据包。
cli-lang-help = 消息语言：en、zh-CN（简体中文）或 zh-TW（繁体中文）（默认跟随系统区域设置）
cli-build-about = 根据构建计划及其数据文件构建数据包
cli-build-plan-help = 构建计划（TOML）
cli-build-out-help = 数据包的写入位置
cli-build-profile-help = 哈希成本：test（仅用于演示）、standard 或 strong
cli-build-threads-help = 用于哈希的工作线程数，最多 256（默认每个核心一个，但不超过内存预算所能容纳的数量：每个线程占用一块 argon2 缓冲区）
cli-build-memory-help = 内存预算，例如 512M 或 4G（默认 1G）；超出后构建会把排序后的密钥写入输出旁的磁盘
cli-build-init-shards-help = 不构建，而是在 --out 指定的文件夹中写入一个含 N 个部分的分片集
cli-build-shard-help = 构建 N 个部分中的第 I 个（从 0 起），写入 --shards 指定的分片集文件夹
cli-build-shards-help = 分片集文件夹；与 --out 同用且不带 --shard 时，用该分片集的盐值构建整个数据包
cli-build-force-help = 与 --shard 同用：即使该部分已完成也重新构建；与 --out 同用：即使已有文件不是 Exposure 数据包也替换它
cli-build-usage = 请给出 --out PACK，或 --init-shards N --out DIR，或 --shard I/N --shards DIR。
cli-quiet-help = 不显示进度条
cli-check-about = 用数据包查询标识信息
cli-check-long-about = 从标准输入读取标识信息，每行一项，格式为 类型=值（phone、national_id、name、dob、email、username；name 与 dob 配对），在终端中运行时会逐项询问。标识信息从不通过命令行参数传入，因为其他用户和 shell 历史记录可能看到它们。
cli-check-pack-help = 要查询的数据包（可重复指定多个）
cli-check-batch-help = 批量查询多人：此 CSV 文件每行一人（表头：phone、national_id、name、dob、email、username，可选 person 标签），不再从标准输入读取
cli-region-help = 未写国家代码的电话号码所属地区（默认取数据包的设置，通常为 CN）
cli-json-help = 输出 JSON 而不是文本
cli-normalize-about = 显示从标准输入读取的值规范化后的形式
cli-normalize-kind-help = 标识类型
cli-pack-about = 查看数据包
cli-pack-info-about = 介绍一个数据包，以及对它进行猜测的代价
cli-pack-sign-about = 用 minisign 私钥为数据包签名（在旁边写入 PACK.minisig）
cli-pack-verify-about = 用 minisign 公钥核验数据包的签名
cli-pack-merge-about = 把一个分片集的各部分合并为一个数据包
cli-merge-parts-help = 部分文件，或存放它们的文件夹
cli-merge-force-help = 即使 --out 处已有的文件不是 Exposure 数据包也替换它
cli-sign-key-help = minisign 私钥文件（由 "minisign -G" 生成）
cli-password-file-help = 从此文件读取私钥密码，而不是在终端询问
cli-verify-pubkey-help = 预期签名者的 minisign 公钥文件
cli-trust-help = 信任此 minisign 公钥文件所做的签名（可重复多次）
cli-trusted-keys-help = 信任此文件夹中每个 *.pub minisign 公钥所做的签名
sign-password-prompt = 私钥 { $path } 的密码
sign-password-no-terminal = 没有可询问私钥 { $path } 密码的终端（密码从不从标准输入读取）：请在终端中运行，或用 --password-file 文件 提供密码。
sign-done = 已用密钥 { $key } 为 { $pack } 签名：{ $signature }
verify-good = 签名有效：{ $pack } 由密钥 { $key } 签名。
verify-comment = 受信任的注释：{ $comment }
verify-took = 已核验每个字节：{ $megabytes } MB，用时 { $seconds } 秒。
verify-unsigned = 数据包 { $pack } 没有签名（不存在 { $signature }）。
verify-other-signer = 数据包 { $pack } 由密钥 { $key } 签名，而不是所给的密钥（{ $expected }）。
info-signature = 签名：{ $status }
check-pack-signature = 签名：{ $status }
password-file-unreadable = 无法读取密码文件 { $path }：{ $reason }。
cli-demo-about = 写出虚构的演示数据、构建计划和数据包
cli-demo-out-help = 写入的文件夹
cli-demo-rows-help = 虚构数据的行数
cli-demo-seed-help = 虚构数据的随机种子
cli-demo-profile-help = 演示数据包的哈希成本
cli-demo-dump-only-help = 只写入数据和计划，不构建数据包
demo-dump-written = 合成数据已写入；计划文件为 { $plan }
cli-completions-about = 输出 shell 自动补全脚本
cli-man-about = 输出手册页
cli-unknown-lang = 未知语言"{ $lang }"：请使用 en、zh-CN 或 zh-TW
cli-unknown-region = 未知地区"{ $region }"：请使用两个字母的代码，例如 CN
cli-bad-shard = "{ $shard }" 不是有效的部分：请写成 I/N，且 0 ≤ I < N ≤ { $max }
cli-bad-size = "{ $size }" 不是有效的大小：请写字节数，或带 K、M、G、T 的数字
cli-bad-rows = "{ $rows }" 不是有效的演示行数：请写 0 到 { $max } 之间的整数（更大的数据包请用 exposure pack synth）
cli-error-prefix = 错误：{ $message }
cli-io-failed = 输入或输出失败：{ $reason }
check-cancelled = 查询已取消。

## Desktop app

app-title = Exposure 泄露自查
app-tagline = 查一查你的个人信息是否出现在已知的数据泄露中。你输入的任何内容都不会离开这台电脑。
app-nav-check = 查询
app-nav-packs = 数据包
app-nav-about = 隐私
app-language = 语言
app-skip-to-main = 跳到主要内容
app-check-heading = 你想查询什么？
app-check-intro = 填写任意几项即可，空着的项会被跳过。每一项都只在这台电脑上比对。
app-field-phone = 手机号码
app-field-phone-hint = 例如 138 0013 8000 或 +86 138-0013-8000
app-field-national_id = 身份证号码
app-field-national_id-hint = 18 位（最后一位可能是 X），或旧的 15 位号码
app-field-name = 姓名
app-field-name-hint = 与身份证上一致，例如 张伟；与出生日期一起查询
app-field-dob = 出生日期
app-field-dob-hint = 例如 1985-03-07、1985/3/7 或 1985年3月7日
app-field-email = 电子邮箱
app-field-email-hint = 例如 zhang.wei@example.cn
app-field-username = 用户名
app-field-username-hint = 你登录网站或应用时使用的名字
app-field-ok = 格式正确。
app-show = 显示
app-hide = 隐藏
app-show-national-id = 显示身份证号码
app-hide-national-id = 隐藏身份证号码
app-check-button = 查询
app-clear-button = 全部清除
app-cancel-button = 取消
app-checking = 正在查询… { $done } / { $total }
app-check-nothing = 请先至少填写一项。
app-check-failed = 查询未能完成：{ $reason }
app-results-heading = 查询结果
app-results-found = 你出现在 { $count } 起泄露中。
app-results-none = 在已载入数据包的泄露中没有找到你。
app-results-none-meaning = 这只涵盖这些数据包里的泄露，而且泄露中的写法可能与你输入的不同。这并不能保证你的数据是安全的。
app-results-checked = 已将 { $inputs } 项与 { $packs } 个数据包比对。
app-result-not-checked = 未查询，{ $kind }：{ $reason }
app-finding-matched = 匹配到的信息
app-finding-simplified = 你的姓名以简体字形式匹配（你输入的是繁体字）。
app-finding-held = 其中关于你的信息
app-finding-exposed = 这起泄露总体暴露的信息
app-finding-pack = 来自数据包
app-advice-heading = 现在该怎么做
# 依次查询几个人：之前的结果保存在使用者自取的称呼下（称呼也是输入的内容，只留在这个屏幕上，随其他内容一起清除）。
# 然后是可以带走的一页纸，不含任何输入的内容，连称呼也没有（DESIGN §7.6）。
app-person-label = 这是谁的结果？（可不填）
app-person-label-hint = 自己取一个称呼，例如"妈妈"，不要用真实姓名。它只留在这个屏幕上，会和其他内容一起清除。
app-another-button = 查询另一个人
app-person-default = 第 { $number } 人
app-people-heading = 之前的结果
app-person-kept = 结果已保存在下方的"{ $label }"之下。请填写下一个人的信息。
app-print-button = 打印应对措施
app-print-note = 将打开打印窗口：选择打印机，或选择"打印到文件"保存为 PDF。这页纸只列出泄露事件和应对措施，不含输入的任何内容，连称呼也没有。
app-print-note-kiosk = 将打开打印窗口：请选择本机的打印机，没有打印机时请询问工作人员。这页纸只列出泄露事件和应对措施，不含输入的任何内容；请不要在这里保存为文件，下一位访客可能会打开它。
app-print-failed = 无法打开打印窗口：{ $reason }
app-sheet-title = 数据泄露后该怎么做
app-sheet-made = 由 Exposure 于 { $date } 生成。本页不含查询时输入的任何内容：没有被查询者的姓名、号码或日期。
app-sheet-leaks = 出现在 { $count } 起泄露中
app-sheet-leak-date = 泄露日期：{ $date }
app-sheet-leak-held = 其中有关您的信息：{ $classes }
app-demo-badge = 演示数据
app-packs-heading = 已载入的数据包
app-packs-intro = 数据包只保存泄露中各项信息经过不可逆处理后的密钥，从不保存信息本身。
app-packs-none = 没有载入任何数据包，因此无法查询。请添加数据包文件或数据包文件夹。
app-packs-opening = 正在打开数据包…
app-pack-curator = 整理者：{ $curator }
app-pack-created = 制作于 { $date }
app-pack-entries = { $entries } 条记录
app-pack-origin-command_line = 通过命令行打开
app-pack-origin-user_folder = 来自你的数据包文件夹
app-pack-origin-beside_app = 来自程序旁的数据包文件夹
app-pack-origin-added = 由你添加
app-pack-origin-demo = 内置演示数据包
app-pack-breaches = 此数据包包含的泄露
app-pack-breach = { $title }（{ $date }），{ $records } 条记录
app-pack-remove = 移除
app-pack-costs-button = 猜测需要多大代价？
app-pack-costs-measuring = 正在这台电脑上测量…
app-add-pack-files = 添加数据包文件…
app-add-pack-folder = 添加数据包文件夹…
app-add-packs-title = 选择数据包
app-add-packs-in-place = 你添加的数据包会在原处使用，无论多大都不会被复制：请保持存放它们的磁盘或 U 盘处于连接状态。移除你添加的数据包只会让 Exposure 忘记它，文件本身仍留在原处。
app-refused-heading = 被拒绝的文件
app-refused-forget = 忘记它
app-refused-forgotten = 已忘记：Exposure 不会再查找它。
app-added-folders-heading = 你添加的文件夹
app-added-folders-intro = 每次启动 Exposure 时都会读取这些文件夹：你之后放进去的数据包也会被使用。忘记文件夹后将不再使用其中的数据包，文件本身仍留在原处。
app-added-folder-forget = 忘记此文件夹
app-kiosk-no-files = 此自助终端已关闭添加数据包的功能。
app-unknown-pack = 该数据包已不再载入。
app-window-failed = 无法刷新窗口：{ $reason }
app-about-heading = 你输入的内容会怎样
app-about-1 = 你输入的内容只留在这台电脑上：本程序不联网，不向任何地方发送任何内容。
app-about-2 = 每一项都会被转换成不可逆的密钥，与数据包中的密钥比对，然后从内存中清除；不保存任何内容，也没有历史记录。
app-about-3 = 数据包里没有任何人可读的个人信息，只有这样的密钥。
app-about-limit-heading = 诚实的局限
app-about-limit = 拿到数据包的人可以测试某个他已经认识的人是否在其中；只要计算机足够多，也能尝试所有手机号码。“数据包”页面列出了在这台电脑上测得的、对每个数据包进行猜测所需的代价。
app-kiosk-notice = 这是一台公共自助终端：无人使用 { $seconds } 秒后，屏幕上的所有内容都会被清除。
app-window-title = { $page } – Exposure 泄露自查
app-progress-label = 查询进度
app-checking-started = 正在查询…
app-results-no-pack = 没有可以比对的数据：尚未载入任何数据包。请先在“数据包”页面添加数据包，再重新查询。
app-results-nothing-checked = 没有查询任何内容：请改正下面列出的内容后再查询。
app-pack-remove-question = 移除“{ $title }”？之后的查询将不再包含其中的泄露。
app-pack-remove-keep = 保留
app-pack-remove-confirm = 确认移除
app-pack-removed = 已移除“{ $title }”。
app-pack-costs-ready = 测量完成：猜测所需的代价显示在下方。
app-pack-costs-failed = 无法测量代价，请重试。
app-idle-warning = 还在使用吗？为保护你的隐私，屏幕上的所有内容将在 { $seconds } 秒后清除。按任意键或选择“继续使用”。
app-idle-countdown = { $seconds } 秒后清除
app-idle-keep-going = 继续使用


## 升级（格式 1 到格式 2）
cli-pack-upgrade-about = 仅凭密钥把格式 1 的数据包改写为格式 2（之后请为新数据包签名）
cli-upgrade-old-help = 要升级的格式 1 数据包；只读取，不改动
cli-upgrade-out-help = 格式 2 数据包的写入位置
cli-upgrade-force-help = 替换 --out 处已有的文件
upgrade-done = 已把 { $old } 升级为格式 2：{ $new }，用时 { $seconds } 秒
upgrade-entries = 条目：{ $entries }（每秒 { $rate } 条）
upgrade-size = 大小：升级前 { $before } 字节，升级后 { $after } 字节（每个条目 { $per_entry } 字节）
upgrade-old-signed-trusted = 已核验旧数据包的签名（受信任的密钥 { $key }）；该签名绑定的是旧文件，不会沿用到新数据包。
upgrade-old-signed-unknown = 旧数据包由密钥 { $key } 签名，此处不信任该密钥，因此未核验其签名（用 --trust PUBKEY 给出公钥即可核验）；该签名也不会沿用。
upgrade-old-unsigned = 旧数据包没有签名。
upgrade-sign-next = 分发前请为新数据包签名：exposure pack sign { $new } --key SECRET_KEY
upgrade-already-current = { $path } 已经是格式 { $format }：无需升级，未写入任何文件。请直接为它签名并分发。
upgrade-output-exists = { $path } 已存在，未对其做任何改动。请换一个输出文件，或加上 --force 替换它。
upgrade-cancelled = 升级已取消，没有写入数据包。
info-format = 格式：{ $format }
info-format-old = 格式：1（旧格式：请用 `exposure pack upgrade PACK --out NEW` 升级）
check-old-format = { $path } 是旧格式 1 的数据包，每次检查都要整个读入内存。请向其整理者索取格式 2 的数据包，或用 `exposure pack upgrade PACK --out NEW` 升级它。
pack-old-format-label = 旧格式 1：请向整理者索取升级后的数据包
