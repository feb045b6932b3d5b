# Exposure：繁體中文（臺灣、香港用語）文案，命令列與桌面應用程式共用。
# 每條訊息都必須與 en/exposure.ftl 中的同名訊息使用相同的變數（有測試檢查）。
# 由 zh-CN 以 OpenCC（s2twp）轉換，再依臺灣、香港用語人工校訂。

## 識別資訊類型

kind-phone = 手機號碼
kind-national_id = 身分證號碼
kind-name_dob = 姓名和出生日期
kind-email = 電子郵件地址
kind-username = 使用者名稱

## 輸入被拒絕的原因

invalid-empty = 沒有輸入內容
invalid-email-without-at = 電子郵件地址需要包含 @
invalid-email-empty-part = 電子郵件地址的 @ 前後都需要有內容
invalid-email-domain-without-dot = @ 後面的部分需要包含點，例如 example.com
invalid-email-bad-domain = @ 後面的部分不是有效的網域名稱
invalid-phone-not-a-number = 這不是電話號碼
invalid-phone-country-code = 國家或地區代碼無法識別
invalid-phone-too-short = 電話號碼位數太少
invalid-phone-too-long = 電話號碼位數太多
invalid-phone-length = 該地區沒有這種位數的電話號碼
invalid-phone-local-only = 這個號碼只能在本地撥打，請加上區號
invalid-national-id-length = 身分證號碼應為 18 位（舊版為 15 位數字）
invalid-national-id-characters = 身分證號碼只能包含數字，最後一位可以是 X
invalid-national-id-check-character = 最後一位檢查碼不對，請檢查是否輸錯
invalid-national-id-birth-date = 身分證號碼中的出生日期不是真實存在的日期
invalid-national-id-future-birth-date = 身分證號碼中的出生日期在未來
invalid-date-unrecognized = 請按 1985-03-07、1985/3/7 或 1985年3月7日 的格式填寫日期
invalid-date-impossible = 這個日期不存在
invalid-date-in-future = 出生日期不能在未來
invalid-name-without-dob = 姓名需要和出生日期一起查詢
invalid-dob-without-name = 出生日期需要和姓名一起查詢

## 資料類別

class-national_ids = 身分證號碼
class-passwords = 密碼
class-police_records = 警務記錄
class-phone_numbers = 手機號碼
class-physical_addresses = 住址
class-dates_of_birth = 出生日期
class-names = 姓名
class-email_addresses = 電子郵件地址
class-delivery_records = 快遞記錄
class-ip_addresses = IP 位址
class-usernames = 使用者名稱
class-genders = 性別
class-other = { $id }

## 建議，每類洩露資料一條。每條依 $channels 選擇所在地的官方管道（crates/core/src/check/advice.rs 的 Channels）：
## cn 中國大陸，hk 香港，tw 臺灣，other 不指明。所列管道的來源：
##   96110 與「國家反詐中心」App：公安部，https://www.mps.gov.cn
##   12321 網路不良與垃圾資訊舉報受理中心：https://www.12321.cn
##   中國人民銀行徵信中心個人信用報告：https://ipcrs.pbccrc.org.cn
##   一證通查（名下登記的電話號碼）：工業和資訊化部 / 中國信通院，https://getsimnum.caict.ac.cn
##   電信業者：中國移動 10086 https://www.10086.cn，中國聯通 10010 https://www.10010.com，中國電信 10000 https://www.189.cn
##   香港 18222 防騙易熱線（反詐騙協調中心）：https://www.adcc.gov.hk
##   香港「防騙視伏器」（守網者，香港警務處）：https://cyberdefender.hk
##   香港個人資料私隱專員公署 2827 2827：https://www.pcpd.org.hk
##   香港環聯信貸報告：https://www.transunion.hk
##   香港短訊發送人登記制（已登記發送人名稱前有「#」）：通訊事務管理局辦公室，https://www.ofca.gov.hk
##   臺灣 165 反詐騙諮詢專線：內政部警政署，https://165.npa.gov.tw
##   臺灣財團法人金融聯合徵信中心信用報告與當事人註記：https://www.jcic.org.tw

# 身分證號碼無法更改，所以建議說明應當留意什麼。
advice-national_ids = 您的身分證號碼已洩露，而且無法更改：請留意是否有人以您的名義辦理貸款、電話卡或開設帳戶。{ $channels ->
        [cn] 請現在並每隔幾個月透過中國人民銀行徵信中心（ipcrs.pbccrc.org.cn，或到銀行網點）查詢個人信用報告，並透過工業和資訊化部「一證通查」（getsimnum.caict.ac.cn）查看您名下登記了哪些電話號碼。發現不是您本人辦理的，請告知銀行或電信業者，並報警（110）。
        [hk] 請現在並每隔幾個月向環聯（transunion.hk）索取信貸報告，發現不是您本人辦理的貸款或帳戶，請告知貸款機構並報警。個人資料私隱專員公署（2827 2827）受理濫用個人資料的投訴。
        [tw] 請現在並每隔幾個月向金融聯合徵信中心（jcic.org.tw）查詢信用報告；該中心也可在您的檔案中加註，提醒金融機構核實是否本人。發現不是您本人辦理的貸款或帳戶，請報警（110）或撥打 165 專線。
       *[other] 請現在並每隔幾個月向所在國家或地區的徵信機構查詢信用報告，發現不是您本人辦理的貸款或帳戶，請告知貸款機構並報警。
    }
advice-passwords = 您的一個密碼已洩露。請在所有用過它的地方修改密碼，先從電子郵件信箱、銀行和支付 App 開始，今後每個服務使用不同的密碼。
advice-police_records = 與您有關的警務記錄已洩露，而且無法收回。有人可能借此羞辱或脅迫您。如果有人引用這些記錄聯絡您，不要付錢或照做，保留聊天和通話記錄並報警{ $channels ->
        [cn] （110）。
        [hk] （999）。
        [tw] （110）。
       *[other] 。
    }
advice-phone_numbers = 您的手機號碼已洩露。請警惕能說出您真實資訊、顯得很「官方」的詐騙電話和簡訊。接到意外來電時絕不轉帳、絕不提供驗證碼；結束通話後透過官方號碼回撥核實。{ $channels ->
        [cn] 遇到詐騙可撥打 96110 或使用「國家反詐中心」App 舉報，騷擾電話和垃圾簡訊可向 12321 舉報。請為 SIM 卡設定 PIN 碼，並向電信業者（中國移動 10086、中國聯通 10010、中國電信 10000）詢問如何防止他人以您的名義補辦 SIM 卡。
        [hk] 付款前請先致電 18222 防騙易熱線，並可在「防騙視伏器」（cyberdefender.hk）查詢來電號碼。已登記發送人的短訊以「#」開頭。請為 SIM 卡設定 PIN 碼，並向電訊商詢問如何防止他人以您的名義補辦 SIM 卡。
        [tw] 付款前請先撥打 165 反詐騙諮詢專線，詐騙電話和簡訊也可向該專線檢舉。請為 SIM 卡設定 PIN 碼，並向電信業者詢問如何防止他人以您的名義補辦 SIM 卡。
       *[other] 遇到詐騙請報警。請為 SIM 卡設定 PIN 碼，並向電信業者詢問如何防止他人以您的名義補辦 SIM 卡。
    }
advice-physical_addresses = 您的住址已洩露。請留意意料之外的快遞、上門人員或信件，也要警惕利用您的住址來騙取信任的人。
# 出生日期同樣無法更改。
advice-dates_of_birth = 您的出生日期已洩露，而且無法更改。不要把它用作密碼、PIN 碼或安全問題的答案，也不要因為來電者知道它就相信對方。
advice-email_addresses = 您的電子郵件地址已洩露。請警惕看起來很真實的釣魚郵件，不要開啟意料之外的連結或附件，並為電子郵件信箱開啟兩步驗證。{ $channels ->
        [cn] 垃圾郵件和釣魚郵件可向 12321（12321.cn）舉報。
       *[other] 釣魚郵件可向您的電子郵件服務商檢舉。
    }
advice-delivery_records = 您的快遞記錄已洩露。騙子常冒充快遞人員或客服，說出真實訂單資訊，以「退款」「理賠」為名索要費用或支付驗證碼。請透過商家自己的 App 核實。{ $channels ->
        [cn] 此類電話可向 96110 舉報。
        [hk] 有疑問時請致電 18222 防騙易熱線。
        [tw] 有疑問時請撥打 165 反詐騙諮詢專線。
       *[other] 此類電話請報警。
    }
advice-usernames = 您的使用者名稱已洩露。可能有人嘗試登入您的帳戶：請使用強且唯一的密碼，並開啟兩步驗證。
advice-ip_addresses = 您用過的一個 IP 位址已洩露。單獨來看它透露的資訊不多，可能暴露您所在的大致區域和電信業者。
advice-general = 對那些似乎很瞭解您的資訊保持警惕：對方知道您的個人資訊，並不代表對方是正規機構。如果已經被騙錢，請立即報警{ $channels ->
        [cn] （110）。
        [hk] （999）。
        [tw] （110）。
       *[other] 。
    }

## 查詢

check-header = 已用 { $packs } 個資料包查詢了 { $inputs } 項資訊：
check-pack-line = { $title }（{ $entries } 條記錄，{ $protection }）
check-input-invalid = 未查詢，{ $kind }：{ $reason }
check-summary-none = 在這些資料包的洩露事件中均未找到。
check-none-meaning = 查詢範圍僅限於您使用的資料包所收錄的洩露事件，而且洩露資料中的寫法可能與您輸入的不同。這並不能保證您的資料是安全的。
check-summary-found = 在 { $count } 起洩露事件中找到了您的資訊。
check-breach-dated = { $title }（{ $date }）
check-matched = 比對符合的資訊：{ $kinds }
check-matched-simplified = 姓名以簡體字形式比對符合：您輸入的是繁體字，這次洩露中記錄的是簡體字。
check-held-about-you = 其中關於您的資料：{ $classes }
check-breach-exposed = 這次洩露總共暴露的資料：{ $classes }
list-separator = 、
check-from-pack = 來自資料包：{ $pack }
check-advice-heading = 現在應該怎麼做：
check-no-input = 沒有提供任何資訊。請每行寫一項，格式為 類型=值，例如 phone=13800138000。
check-no-valid-input = 提供的資訊都無法查詢。
check-stdin-failed = 無法讀取標準輸入：{ $reason }
check-prompt-intro = 請輸入要查詢的資訊，按 Enter 鍵跳過。您輸入的任何內容都不會被儲存或傳送。
input-line-no-equals = 第 { $line } 行：每項資訊請寫成 類型=值，例如 phone=13800138000。
input-line-unknown-kind = 第 { $line } 行："=" 前面的內容不是一種資訊類型（為防止其中含有您的個人資訊，這裡不予顯示）。請在行首使用以下類型之一：{ $kinds }。
input-line-unknown-kind-suggest = 第 { $line } 行："=" 前面的內容不是一種資訊類型（為防止其中含有您的個人資訊，這裡不予顯示）。您是不是想寫 { $suggestion }？可用的類型有：{ $kinds }。
input-line-too-long = 第 { $line } 行超過了 { $max } 位元組，遠比任何一項資訊都長，因此沒有讀取。請每行寫一項，格式為 類型=值。
input-line-not-utf8 = 第 { $line } 行不是 UTF-8 文字。請將輸入儲存為 UTF-8 編碼後重試。
# check --batch：每行一人的 CSV 檔案。從不顯示其中的值，只顯示欄號和行號。
batch-no-kind-column = 人員檔案的標題列沒有列出任何資訊類型，因此無從查詢。請用以下類型命名各欄：{ $kinds }（還可以加一欄 person，作為每行的標籤）。
batch-unknown-column = 人員檔案標題列的第 { $column } 欄不是一種資訊類型（為防止標題列缺失、這裡其實是某人的資料，不予顯示）。請將每欄命名為以下之一：{ $kinds }，或 person。
batch-unknown-column-suggest = 人員檔案標題列的第 { $column } 欄不是一種資訊類型（為防止其中含有某人的資料，不予顯示）。您是不是想寫 { $suggestion }？可用的類型有：{ $kinds }，或 person。
batch-person-twice = 人員檔案的第 { $column } 欄是第二個 person 欄。請只保留一個標籤欄。
batch-header-unreadable = 無法將人員檔案的標題列讀取為 CSV。請將檔案儲存為帶標題列的 UTF-8 CSV 後重試。
batch-io = 無法讀取人員檔案：{ $reason }
batch-row-not-utf8 = 第 { $row } 行不是 UTF-8 文字，沒有查詢。請將檔案儲存為 UTF-8 編碼，再查詢這一行。
batch-row-field-count = 第 { $row } 行有 { $found } 個欄位，而標題列有 { $expected } 個，沒有查詢。請修正這一行後再查詢。
batch-row-malformed = 第 { $row } 行不是有效的 CSV，沒有查詢。請修正這一行後再查詢。
check-batch-person = ── { $person }（第 { $row } 行）
check-batch-row = ── 第 { $row } 行
check-batch-nothing = 這一行沒有可查詢的內容：各欄位都是空的。

prompt-phone = 手機號碼
prompt-national_id = 身分證號碼（輸入時不顯示）
prompt-name = 姓名（與出生日期一起查詢）
prompt-dob = 出生日期，例如 1985-03-07
prompt-email = 電子郵件地址
prompt-username = 使用者名稱

## 正規化

normalize-rejected = 已拒絕：{ $reason }
normalize-no-input = 沒有提供任何值：請在標準輸入中每行給出一個。

## 資料包

protection-weak = 弱保護
protection-standard = 標準保護
protection-strong = 強保護
pack-demo-label = 示範資料：虛構人物，並非真實洩露
pack-synthetic-label = 合成資料：為測量規模而寫入的隨機金鑰，不是真實洩露
cli-pack-synth-about = 寫入由隨機金鑰構成的合成資料包，用於測量和測試規模
cli-synth-entries-help = 要寫入的隨機金鑰數
cli-synth-from-help = 一個小型真實資料包：保留其參數、洩露事件和記錄，其中的人可在隨機金鑰中被查到
cli-synth-seed-help = 隨機金鑰的種子：相同選項產生相同的資料包
synth-done = 已在 { $seconds } 秒內寫入合成資料包 { $path }
synth-entries = { $random } 筆隨機記錄，{ $kept } 筆保留自 --from
pack-duplicate = { $path } 與 { $first } 是同一個資料包，只使用一次。
pack-missing = 資料包 { $path } 不存在。
pack-not-a-file = { $path } 不是檔案，因此不可能是資料包。
pack-unreadable = 無法讀取資料包 { $path }：{ $reason }。
pack-not-sqlite = { $path } 不是資料包（它不是 SQLite 資料庫）。
pack-not-a-pack = { $path } 是 SQLite 資料庫，但不是 Exposure 資料包。
pack-wal-mode = 資料包 { $path } 使用了資料包從不使用的預寫日誌模式，已拒絕。
pack-unsupported-version = 資料包 { $path } 的格式版本為 { $version }，目前版本的 Exposure 無法讀取。請更新 Exposure。
pack-unsupported-normalization = 資料包 { $path } 使用第 { $version } 版識別資料正規化建置；目前版本的 Exposure 只支援到第 { $known } 版，會漏查資料包中的人。請更新 Exposure。
pack-unexpected-schema = 資料包 { $path } 的表結構與資料包格式不符，已拒絕。
pack-bad-meta = 資料包 { $path } 的「{ $field }」設定缺失或無效，已拒絕。
pack-bad-breach = 資料包 { $path } 中有無效的洩露事件記錄（{ $breach }），已拒絕。
pack-bad-value = 資料包 { $path } 格式不正確：其 { $table } 表中有類型錯誤的值。已拒絕；請向其整理者重新取得一份。
pack-value-too-large = 資料包 { $path } 中有一個值大於任何正常資料包中的值，已拒絕。
pack-corrupt = 資料包 { $path } 已損壞（完整性檢查失敗）。請重新取得一份。
pack-bad-cost = 資料包 { $path } 要求的雜湊成本不合理：{ $reason }。正常的資料包不會這樣要求：請向其整理者重新取得一份。
pack-sqlite = 無法讀取資料包 { $path }（SQLite 錯誤 { $code }）：它已損壞，或不是由 Exposure 生成的。請向其整理者重新取得一份。
pack-write = 無法寫入資料包 { $path }：{ $reason }
pack-signature-write = 無法寫入簽名 { $path }，資料包未簽名：{ $reason }
pack-entry-out-of-range = 未寫入資料包 { $path }：有一條記錄指向資料包中不存在的洩露事件或資料類別，說明其來源的分片部分已損壞或被偽造。請重新建置各個部分。
pack-same-id = { $path } 聲稱與另一個資料包 { $used } 的識別碼相同（{ $id }），但內容不同。已使用簽名更可信的那個：{ $used }。請只保留從整理者處獲得的資料包。
pack-too-large = 資料包 { $path } 大於 { $max } 位元組，超出本版 Exposure 能開啟的上限。
pack-bad-header = 資料包 { $path } 的 SQLite 檔案頭是 Exposure 從不寫入的（頁面大小、日誌模式、空閒頁或編碼不符）；已拒絕。請向其整理者重新取得一份。
pack-length-mismatch = 資料包 { $path } 的長度與其檔案頭所寫不符：它被截斷了，或被附加了位元組（例如複製中斷）。已拒絕；請重新複製。
pack-too-many-rows = 資料包 { $path } 的 { $table } 表中的行數超過了任何資料包允許的上限；已拒絕。請向其整理者重新取得一份。
pack-bad-palette = 資料包 { $path } 中洩露事件與資料類別組合表無效；已拒絕。請向其整理者重新取得一份。
pack-root-mismatch = 資料包 { $path } 已損壞或被篡改：其內容與其宣告的雜湊值不符。已拒絕；請向其整理者重新取得一份。
pack-damaged = 資料包 { $path } 已損壞或被篡改：本次檢查讀取的部分缺失或與其雜湊樹不符，因此未採用其中的任何結果。請向其整理者重新取得一份。
pack-bad-bucket = 資料包 { $path } 中的記錄格式不符合資料包格式，因此未採用其中的任何結果。請向其整理者重新取得一份。
pack-writer-limit = 未寫入資料包 { $path }：其記錄超出了資料包格式的容量（洩露事件與資料類別的組合超過 65536 種，或記錄數遠超任何洩露）。請把建置計畫拆分為多個資料包。
pack-entries-changed = 未寫入資料包 { $path }：第二次讀取時其記錄與第一次不同，或未按順序排列。請確保寫入資料包期間沒有任何程式改動輸入，然後重試。
io-not-found = 它不存在（請檢查路徑）
io-permission-denied = 沒有權限（請檢查誰可以讀寫它）
io-is-a-directory = 它是資料夾，不是檔案
io-not-a-directory = 它本身或其路徑中的某一級不是資料夾
io-already-exists = 已有同名檔案
io-invalid-data = 其內容不是預期編碼的有效文字（除非另有宣告，應為 UTF-8）
io-truncated = 它提前結束了：檔案不完整
io-storage-full = 磁碟已滿；請騰出空間後重試
io-read-only = 磁碟或資料夾是唯讀的
io-too-large = 它太大了
io-out-of-memory = 記憶體不足；請關閉其他程式，或給出更小的 --memory
io-would-block = 它尚不能讀取（是管道或裝置？）；請給出普通檔案
io-other = 作業系統報告了輸入/輸出錯誤；請檢查磁碟後重試
io-not-a-file = 它不是普通檔案（而是資料夾、裝置或管道）；請給出檔案的路徑
io-larger-than = 它大於 { $max } 位元組，遠超此類檔案應有的大小
pack-timed-out = 讀取資料包 { $path } 所耗時間遠超任何正常資料包所需，已拒絕。
pack-signature-unreadable = 無法讀取資料包 { $path } 旁的簽名檔案：{ $reason }。
pack-signature-malformed = 資料包 { $path } 旁的簽名檔案不是 minisign 簽名，資料包已被拒絕。
pack-signature-legacy = 資料包 { $path } 使用舊式（未預雜湊）的 minisign 簽名，Exposure 不接受；請讓整理者重新簽名。
pack-signature-control = 資料包 { $path } 的簽名註釋中含有控制字元，資料包已被拒絕。
pack-signature-invalid = 資料包 { $path } 的簽名與其內容不符：資料包在簽名後被改動過，或簽名屬於另一個檔案。已拒絕。
pack-signature-comment-invalid = 資料包 { $path } 旁的簽名檔案被改動過：其受信任的註釋不是該金鑰所籤的內容。資料包已被拒絕；請向整理者重新取得資料包及其簽名。
pack-signature-cancelled = 資料包 { $path } 的簽名核驗在完成前被取消，簽名未經核驗；請重新執行以核驗。
pack-signature-unbound = 資料包 { $path } 的簽名有效，但沒有說明它屬於哪個資料包；請用 "exposure pack sign" 簽名。
pack-signature-mismatch = 資料包 { $path } 的簽名是為另一個資料包做的（其 { $field } 不同），資料包已被拒絕。
signature-trusted = 由受信任的金鑰簽名（{ $key }）
signature-unknown-signer = 由未知金鑰簽名（{ $key }），簽名未經核驗
signature-unsigned = 未簽名，沒有人為這個資料包擔保
key-unreadable = 無法讀取金鑰檔案或資料夾 { $path }：{ $reason }。
key-malformed = { $path } 不是 minisign 金鑰。
references-unreadable = 無法讀取你新增的資料包清單 { $path }：{ $reason }。請重新新增你的資料包。
references-malformed = 你新增的資料包清單 { $path } 已損壞。請重新新增你的資料包，清單會重新寫入。
references-unwritable = Exposure 無法儲存你新增的資料包清單 { $path }（{ $reason }）：這次變更只在關閉應用程式前有效。請讓該資料夾可寫入，然後重新新增或移除該資料包。
key-needs-password = 私鑰 { $path } 受密碼保護：請在提示時輸入，或使用 --password-file。
key-wrong-password = 私鑰 { $path } 的密碼錯誤。
error-cost-out-of-bounds = 它的 argon2 成本（記憶體 { $m } KiB，{ $t } 輪，{ $p } 路並行）超出 Exposure 接受的範圍（記憶體最多 { $max_m } KiB、最多 { $max_t } 輪、最多 { $max_p } 路並行，且記憶體乘以輪數不超過強保護檔的四倍）

info-id = 資料包編號：{ $id }
info-curator = 整理者：{ $curator }
info-created = 建立時間：{ $created }
info-entries = 記錄數：{ $entries }
info-protection = 保護強度：{ $protection }（argon2id，記憶體 { $m } KiB，{ $t } 輪，{ $p } 路並行）
info-breaches = 共 { $count } 起洩露事件：
info-breach = { $title }，{ $date }，{ $records } 條記錄
info-limit-heading = 誠實的說明：猜測的代價
info-limit-intro = 任何拿到這個資料包的人都可以用它驗證猜測。在這台電腦上，單個核心驗證一次猜測需要 { $ms } 毫秒；使用它的全部 { $cores } 個核心：
info-attack = { $attack }：{ $time }
# 顯示卡的數字由公開的基準測試換算而來（crates/core/src/check/guess_cost.rs，GPU_BENCHMARK）。
info-limit-gpu-intro = 租用顯示卡的攻擊者會更快。按 hashcat 的 argon2id 基準測試（{ $date }，{ $source }）換算到本資料包的記憶體和輪數，一張 { $device } 每秒約可驗證 { $rate } 次猜測。只用一張這樣的顯示卡：
info-limit-gpu-outro = 租用一百張顯示卡，所需時間只有上面的百分之一。
info-limit-outro = 顯示卡或大量電腦可以快得多。資料包能讓旁人無法隨意看出誰在其中，但無法向已經掌握某人資訊的人隱藏此人。

attack-all-mobiles = 嘗試所有中國手機號碼
attack-all-national-ids = 嘗試所有有效的身分證號碼
attack-one-national-id = 驗證一個已知出生地和生日的人
attack-known-name = 用一個已知姓名嘗試一百年內的所有生日
attack-one-million-emails = 驗證一份一百萬個電子郵件地址的名單
attack-one-person = 驗證一個已知使用者名稱

span-years = 約 { $n } 年
span-days = 約 { $n } 天
span-hours = 約 { $n } 小時
span-minutes = 約 { $n } 分鐘
span-seconds = 約 { $n } 秒

## 建置計畫

plan-read = 無法讀取建置計畫 { $path }：{ $reason }
plan-syntax = 建置計畫 { $path } 第 { $line } 行第 { $column } 列有錯誤：{ $reason }。
plan-syntax-toml = 這不是有效的 TOML（請檢查引號、括號和"="號）
plan-syntax-missing-field = 此處缺少設定「{ $field }」
plan-syntax-unknown-field = 此處沒有名為「{ $field }」的設定（請檢查拼寫及其所在的表）
plan-syntax-duplicate-key = 「{ $field }」出現了兩次
plan-syntax-unquoted-date = 日期必須寫在引號中，格式為 "YYYY-MM-DD"
plan-syntax-expected-text = 此處必須是帶引號的文字（標題也可以是按語言分列的文字表）
plan-syntax-expected-boolean = 此處必須是 true 或 false
plan-syntax-expected-list = 此處必須是方括號中的列表，例如 [ "names" ]
plan-syntax-expected-table = 此處必須是設定表
plan-syntax-wrong-type = 此值的類型不適用於該設定
plan-syntax-unknown-value = 此處不允許「{ $value }」；請使用以下之一：{ $allowed }
plan-no-breaches = 建置計畫 { $path } 沒有 [[breach]] 部分（{ $what }）。
plan-empty-title = 建置計畫 { $path } 需要標題（{ $what }）。
plan-empty-curator = 建置計畫 { $path } 需要整理者（{ $what }）。
plan-bad-pack-id = 建置計畫 { $path } 中，{ $what } 只能使用小寫字母、數字和短橫線。
plan-unknown-region = 建置計畫 { $path } 中，{ $what }：「{ $detail }」不是已知的地區代碼（例如 CN）。
plan-bad-breach-id = 建置計畫 { $path } 中，{ $what }：洩露事件編號只能使用小寫字母、數字和短橫線。
plan-duplicate-breach-id = 建置計畫 { $path } 中，{ $what }：這個洩露事件編號重複使用了。
plan-bad-date = 建置計畫 { $path } 中，{ $what }：日期格式必須是 YYYY-MM-DD、YYYY-MM 或 YYYY。
plan-bad-class = 建置計畫 { $path } 中，{ $what }：「{ $detail }」不是 snake_case 形式的資料類別編號。
plan-too-many-classes = 建置計畫 { $path } 宣告的資料類別超過 64 個（{ $what }）。
plan-no-sources = 建置計畫 { $path } 中，{ $what } 沒有 [[breach.source]]。
plan-source-missing = 建置計畫 { $path } 中，{ $what }：檔案 { $detail } 不存在。
plan-source-not-a-file = 建置計畫 { $path } 中，{ $what }：{ $detail } 不是普通檔案。
plan-source-unreadable = 建置計畫 { $path } 中，{ $what }：無法讀取 { $detail }
plan-source-header-encoding = 建置計畫 { $path } 中，{ $what }：{ $detail } 的表頭行不是有效的 { $encoding } 文字；請檢查建置計畫為它宣告的編碼。
plan-source-empty = 建置計畫 { $path } 中，{ $what }：檔案 { $detail } 是空的。
plan-source-utf16 = 建置計畫 { $path } 中，{ $what }：{ $detail } 是 UTF-16 或 UTF-32 文字；UTF-16 請為這個資料來源設定 encoding = "utf-16"（或 "auto"），UTF-32 請先轉換為 UTF-8。
plan-source-not-utf8 = 建置計畫 { $path } 中，{ $what }：{ $detail } 不是 UTF-8 文字（第 { $line } 行不是有效的 UTF-8），但可以按 GB18030 讀取；請為這個資料來源設定 encoding = "gb18030"。
plan-source-looks-utf8 = 建置計畫 { $path } 中，{ $what }：{ $detail } 宣告為 { $encoding }，實際卻是 UTF-8 文字，這樣讀取會變成亂碼（張偉 會讀成 寮靛亯），生成錯誤的金鑰；請為這個資料來源設定 encoding = "utf-8"。
plan-source-utf16-without-bom = 建置計畫 { $path } 中，{ $what }：{ $detail } 看起來是 UTF-16，但沒有位元組順序標記（BOM），位元組順序只能靠猜，猜錯會把每個字元都讀成別的字元；請把它另存為帶 BOM 的 UTF-16，或者 UTF-8。
plan-source-encoding-undetected = 建置計畫 { $path } 中，{ $what }：無法判斷 { $detail } 的編碼（最可能的 { $guess } 不是 Exposure 能讀取的編碼）；請為這個資料來源把 encoding 設為 "utf-8"、"gb18030"、"big5" 或 "utf-16"。
plan-source-archive = 建置計畫 { $path } 中，{ $what }：{ $detail }：{ $reason }
plan-member-without-zip = 建置計畫 { $path } 中，{ $what }："member" 指的是 zip 壓縮檔裡的檔案，但 { $detail } 沒有按 zip 讀取；請刪除 "member"，或設定 compression = "zip"。
archive-not-zip = 它不是 zip 壓縮檔，或者壓縮檔的檔案清單已損壞；請檢查檔案是否完整，或為這個資料來源設定 compression。
archive-no-member = zip 壓縮檔裡沒有檔案。
archive-several-members = zip 壓縮檔裡有 { $count } 個檔案；請用 member = "…"（檔案在壓縮檔裡的路徑）指明要讀取哪一個。
archive-member-missing = zip 壓縮檔裡沒有名為「{ $member }」的檔案；請對照壓縮檔的檔案清單檢查 member。
archive-unsafe-member = zip 壓縮檔裡的檔案「{ $member }」的路徑會跳出壓縮檔（../ 或絕對路徑），這是惡意壓縮檔的跡象，永遠不會讀取它。請用可信任的工具解壓縮並先檢查資料。
archive-encrypted = zip 壓縮檔裡的檔案「{ $member }」已加密；請先用密碼解密。
archive-unsupported-method = zip 壓縮檔裡的檔案「{ $member }」用 deflate 以外的方法壓縮；請重新壓縮為一般的 zip 或 gzip。
archive-bomb = 它解壓縮後超過壓縮大小的 { $ratio } 倍，真實的資料不會這樣：這是解壓縮炸彈。沒有寫入任何東西。
archive-damaged = zip 壓縮檔裡的檔案「{ $member }」已損壞（校驗和或大小不符）；請重新取得壓縮檔。
plan-unknown-field = 建置計畫 { $path } 中，{ $what }：「{ $detail }」不是有效欄位；請使用 email、phone、national_id_cn、username、name、dob、address、gender、password、ip_address、police_record、delivery_record、data:<類別> 或 ignore。
plan-unknown-column = 建置計畫 { $path } 中，{ $what }：檔案表頭中沒有「{ $detail }」這一列。
plan-bad-column-number = 建置計畫 { $path } 中，{ $what }：沒有表頭時，列用從 1 開始的數字表示，而不是「{ $detail }」。
plan-column-past-end = 建置計畫 { $path } 中，{ $what }：沒有第 { $detail } 列：檔案第一行只有 { $columns } 列。請按檔案中的實際位置從 1 開始給列編號。
plan-duplicate-column = 建置計畫 { $path } 中，{ $what }：「{ $detail }」這一列被對映了兩次（比較列名時忽略首尾空格）；每一列只能對映一次。
plan-header-with-jsonl = 建置計畫 { $path } 中，{ $what }：JSON Lines 檔案沒有表頭，請刪除 "header"。
plan-no-key-field = 建置計畫 { $path } 中，{ $what }：沒有任何一列能生成金鑰；請至少對映 email、phone、national_id_cn、username 之一，或同時對映 name 和 dob。
plan-name-without-date = 建置計畫 { $path } 中，{ $what }：姓名只有和出生日期一起才能生成金鑰，請同時對映 dob 列。
plan-option-not-for-format = 建置計畫 { $path } 中，{ $what }：「{ $option }」不是 { $format } 格式的選項；請刪除它，或改用它所屬的格式（「table」：sql，「delimiter」：text，「sheet」：xlsx）。
plan-sql-table-unnamed = 建置計畫 { $path } 中，{ $what }：SQL 傾印可能包含多張資料表，請用 table = "…" 指定要讀取的資料表（第一張有資料的是「{ $detail }」）。
plan-sql-no-rows = 建置計畫 { $path } 中，{ $what }：{ $detail } 中沒有資料列：既沒有 INSERT … VALUES，也沒有 COPY … FROM stdin。它是否只是資料表結構的傾印，而不是資料的傾印？
plan-sql-unknown-table = 建置計畫 { $path } 中，{ $what }：傾印中沒有任何 INSERT 或 COPY 向資料表「{ $detail }」寫入資料；其中有資料的資料表是：{ $tables }。請檢查 table 的拼寫。
plan-sql-unknown-column = 建置計畫 { $path } 中，{ $what }：欄位「{ $detail }」既不在資料表「{ $table }」第一則 INSERT 或 COPY 的欄位清單中，也不在它的 CREATE TABLE 中；該資料表的欄位有：{ $columns }。
plan-sql-no-column-names = 建置計畫 { $path } 中，{ $what }：找不到欄位「{ $detail }」：資料表「{ $table }」的 INSERT 陳述式沒有列出欄位名稱，之前也沒有它的 CREATE TABLE；請按每個元組中的位置從 1 開始為欄位編號。
plan-missing-delimiter = 建置計畫 { $path } 中，{ $what }：text 格式的來源需要分隔符（欄位之間的字串），請加上，例如 delimiter = "----"。
plan-bad-delimiter = 建置計畫 { $path } 中，{ $what }：分隔符為空或包含換行符；請填寫一行中欄位之間的字串，例如 "----" 或 "|"。
plan-not-json-array = 建置計畫 { $path } 中，{ $what }：{ $detail } 不以 "[" 開頭，不是一個 JSON 陣列；如果檔案每行一個 JSON 物件，請設定 format = "jsonl"。
plan-json-not-utf8 = 建置計畫 { $path } 中，{ $what }：JSON 必須是 UTF-8；請刪除 "encoding"，或把檔案轉換為 UTF-8 後使用 format = "json"。
plan-workbook-unreadable = 建置計畫 { $path } 中，{ $what }：{ $detail } 不是可讀取的活頁簿（xlsx、xls 或 ods），或已損壞；請用試算表軟體開啟後另存為 xlsx。
plan-workbook-bomb = 建置計畫 { $path } 中，{ $what }：已拒絕 { $detail }：其中的部件 { $part } 解壓縮後超過自身大小的 { $ratio } 倍，或整體讀取超過 { $limit } MiB，與壓縮炸彈相同。請用可信的試算表軟體把工作表另存為 xlsx 或 CSV。
plan-workbook-long-cell = 建置計畫 { $path } 中，{ $what }：已拒絕 { $detail }：其中的部件 { $part } 含有超過 { $limit } MiB 的儲存格或 XML 片段，試算表軟體不會寫出這樣的內容（一個儲存格最多 32,767 個字元）。請用可信的試算表軟體把工作表另存為 xlsx 或 CSV。
plan-workbook-too-large = 建置計畫 { $path } 中，{ $what }：{ $detail } 是大於 { $limit } MiB 的 xls 或 ods 檔案，這類檔案需要整體讀取；請另存為 xlsx（可逐列讀取）或 CSV。
plan-workbook-too-many-cells = 建置計畫 { $path } 中，{ $what }：{ $detail } 是 xls 或 ods 檔案，其工作表展開後超過 { $cells } 百萬個儲存格（從每個工作表的第一個儲存格到最後一個，包括 ods 檔案重複的列和欄），需要整體讀取；請先刪除其中重複的空白列和欄以及遠離其餘資料的儲存格，再另存為 xlsx（可逐列讀取）或 CSV。
plan-workbook-too-much-text = 建置計畫 { $path } 中，{ $what }：{ $detail } 是 xls 或 ods 檔案，其儲存格中的文字超過 { $limit } MiB（與其他儲存格共用或重複的文字，每個儲存格各存一份），需要整體讀取；請另存為 xlsx（可逐列讀取）或 CSV。
plan-unknown-sheet = 建置計畫 { $path } 中，{ $what }：{ $detail } 中沒有這個名稱的工作表；現有工作表：{ $sheets }。請把 sheet 設為其中之一，或刪除它以讀取第一個工作表。
plan-workbook-no-sheet = 建置計畫 { $path } 中，{ $what }：{ $detail } 中沒有可讀取的工作表。

## 建置

row-problem-encoding = 不是所宣告編碼下的有效文字
row-problem-field-count = 欄位數量不對
row-problem-json = 不是 JSON 物件
row-problem-no-identifier = 沒有可用的識別資訊
row-problem-too-long = 某個值超過 1 MiB，或某行超過 64 MiB
row-problem-nul-byte = 值中含有 NUL 位元組（二進位制資料，或 UTF-16 文字？）
row-problem-repeated-header = 重複出現的表頭行
row-problem-duplicate-key = JSON 物件中同一個鍵出現了兩次
row-problem-mangled-number = 數字已失真：請寫成文字（識別資訊寫成了帶小數或位數超出浮點數精度的 JSON 數字）
row-problem-sql-syntax = 不是 SQL 值的清單（該陳述式的其餘部分也已略過）
row-problem-truncated = 被檔案結尾截斷（傾印不完整，或引號沒有閉合）
row-problem-extended-json = MongoDB Extended JSON 值不是數字、ID 或日期（未知的 "$" 鍵）；請把該欄位匯出為文字
row-problem-spreadsheet-number = 數字已被試算表截斷：試算表只保留 15 位有效數字，以數字儲存的身分證號已遺失末尾幾位；請把該欄匯出為文字
row-problem-date-cell = 應為手機號碼、身分證號、電子郵件或使用者名稱的位置是日期儲存格：試算表把該值當成了日期；請把該欄設為文字格式後重新匯出
dump-unclosed-quote = 第 { $line } 行開始的引號（"）一直沒有閉合
build-rejected-value = { $kind }被拒絕：{ $reason }
build-read-failed = 讀取 { $path } 失敗：{ $reason }
build-records-out-of-order = { $path } 中的記錄順序錯亂：檔案已損壞，或並非由 Exposure 寫入，因此不能合併。請加上 --force 重新建置這個部分。
build-records-out-of-order-spilled = 建置過程中排好序的臨時檔案讀回時順序錯亂：輸出檔案所在的磁碟或記憶體可能有故障。沒有寫入資料包；請重新建置，或把資料包寫到另一個磁碟上。
build-row-too-long = { $path } 中有一行超過 { $max } 位元組（引號不配對？）；建置已停止，沒有寫入資料包。
build-unclosed-quote = { $path }：第 { $line } 行開始的引號（"）一直沒有閉合，之後的所有行都會被讀成一個欄位；建置已停止，沒有寫入資料包。請在檔案中補上或刪除這個引號後重新建置。
build-archive-failed = 讀取 { $path } 已停止：{ $reason }
build-workbook-unreadable = 活頁簿 { $path } 在讀取工作表的中途發現已損壞，因此沒有寫入資料包。請用試算表軟體開啟它，另存為 xlsx 後重新建置。
build-no-keys = 資料檔案中沒有任何一行生成了金鑰（讀取 { $rows } 行{ $count ->
    [0] {""}
   *[other] ；最常見的原因：{ $count } × { $reason }
}），因此沒有寫入資料包。請對照檔案檢查建置計畫中的列、格式和編碼。
build-write-failed = 寫入 { $path } 失敗：{ $reason }
build-output-is-folder = { $path } 是資料夾，不是檔名：請給出要寫入的資料包檔名，例如該資料夾中以 .exposure 結尾的檔名。
build-output-folder-missing = { $path } 所在的資料夾不存在：請先建立該資料夾，或把資料包寫入已存在的資料夾。尚未讀取任何資料。
build-output-not-a-file = { $path } 已存在，但不是普通檔案（而是裝置、管道或通訊端）；未對其做任何改動。請改為寫入一個檔名。
build-output-is-input = { $path } 是本次建置要讀取的檔案（建置計畫、資料檔案、分片集或分片部分）：把資料包寫到那裡會毀掉它，因此什麼也沒有寫入。請換一個輸出檔案。
build-output-not-a-pack = { $path } 已存在，且不是 Exposure 資料包；未對其做任何改動。請換一個輸出檔案，或加上 --force 替換它。
build-output-in-use = { $path } 正被另一個程式開啟（Exposure 應用程式或另一個 exposure 指令），而 Windows 無法取代已開啟的檔案；未對其做任何改動。請關閉那個程式，或把資料包寫到另一個檔案，然後再執行一次。
build-thread-failed = 系統無法再啟動一個工作執行緒（{ $reason }）；請減少 --threads。
build-too-many-threads = --threads { $threads } 超出記憶體預算：在此檔位下每個執行緒的 argon2 需要 { $per_thread } MiB，而 { $memory } MiB 最多容納 { $fit } 個執行緒。請最多使用 --threads { $fit }，或增大 --memory。
build-too-many-breaches = 建置計畫中的洩露事件太多，一個資料包放不下。
build-cancelled = 建置已取消，沒有寫入資料包。
synth-from-empty = { $path } 不含任何記錄，隨機金鑰無所屬的洩露事件。請為 --from 選擇一個有記錄的資料包，或不使用 --from。
build-done = 已建置 { $path }，耗時 { $seconds } 秒
build-rows-read = 讀取行數：{ $rows }（每秒 { $rate } 行）
build-rows-used = 至少生成一個金鑰的行數：{ $rows }
build-rows-skipped = 跳過的行數：{ $rows }
build-values-rejected = 被拒絕的值：{ $values }
build-warning-rows-lost = 警告：{ $rows } 行中有 { $lost } 行（{ $percent }%）沒有生成金鑰。使用這個資料包之前，請檢查建置計畫中的列、格式和編碼。
build-warning-unmatched-path = 警告：{ $file } 中沒有任何一行含有 JSON 路徑「{ $column }」；請檢查拼寫（這一列什麼都沒有讀到）。
build-encoding-detected = { $file }：按 { $encoding } 讀取（依 encoding = "auto" 由前 { $bytes } 位元組自動偵測）。
build-count-reason = { $count } × { $reason }
position-line = 第 { $line } 行
position-tuple = 第 { $line } 行，第 { $statement } 則陳述式，第 { $tuple } 個元組
position-element = 第 { $line } 行，陣列的第 { $element } 個元素
position-sheet-row = 工作表 { $sheet } 第 { $row } 列
position-cell = 儲存格 { $sheet }!{ $cell }
build-examples = 前幾個範例（檔案、位置、遮蔽後的值）：
build-example = { $file } { $position }：{ $reason }
build-example-masked = { $file } { $position }：{ $reason }（{ $masked }）
build-keys = 金鑰：{ $keys }（{ $detail }）
build-key-rate = 金鑰派生速度：每秒 { $rate } 個
build-entries = 條目：{ $entries }
build-pack-size = 資料包大小：{ $bytes } 位元組（每個條目 { $per_entry } 位元組）
build-spilled = 為不超出記憶體預算而寫入磁碟的有序批次：{ $runs }（{ $hashes } 次雜湊）
shards-initialized = 分片集已寫入 { $path }：共 { $count } 個部分。用 --shard I/{ $count } 分別建置每個部分，再用 `exposure pack merge` 合併。
shard-already-built = { $path } 已建置完成，無需再做（如需重建請加 --force）。
shard-io = 讀寫 { $path } 失敗：{ $reason }
shard-not-a-set = { $path } 不是 Exposure 分片集。
shard-bad-cost = 分片集或部分檔案 { $path } 要求的雜湊成本不合理：{ $reason }。它被手工修改過或已損壞：請用 --init-shards 和 --profile 重新生成分片集。
shard-truncated = 部分檔案 { $path } 比其檔案頭所述的短：檔案不完整（複製或建置中途停止）。請重新複製，或重新建置這個部分：exposure build PLAN --shards DIR --shard { $shard } --force
shard-not-a-part = { $path } 不是 Exposure 分片部分檔案，或已損壞。
shard-part-damaged = { $path } 已損壞：總和檢查碼與內容不符（或檔案不完整），不能合併。請重新建置這個部分：exposure build PLAN --shards DIR --shard { $shard } --force
shard-part-old = { $path } 是舊版 Exposure 建置的，沒有總和檢查碼。請重新建置這個部分：exposure build PLAN --shards DIR --shard { $shard } --force
shard-plan-changed = 自分片集 { $path } 建立以來，計畫或其資料檔案已改變；請重新建立分片集。
shard-wrong-count = 分片集 { $path } 共有 { $count } 個部分。
shard-mismatch = { $path } 與其他部分不屬於同一分片集或計畫。
shard-missing = 缺少第 { $index } 部分（共 { $count } 部分）；合併需要所有部分。
shard-duplicate = 第 { $index } 部分給出了兩次。
shard-exists = { $path } 已存在：新建分片集會改變鹽值，使已建置的部分失效。
shard-normalization = { $path } 是按{ $found ->
        [0] 未記錄版本的
       *[other] 第 { $found } 版
    }識別資訊正規化規則製作的，而本版 Exposure 使用第 { $current } 版：同一個值會生成不同的金鑰，兩者的部分不能合併。請重新建立分片集（--init-shards），並用本版本重新建置每個部分。

progress-reading = 讀取
progress-deriving = 雜湊
progress-writing = 寫入
progress-verifying = 核驗
progress-rows = { $rows } 行，每秒 { $rate } 行

## 示範

demo-write-failed = 無法寫入示範檔案：{ $reason }
demo-out-not-empty = { $path } 中已有檔案，示範絕不會覆蓋它們。請為 --out 指定一個新的或空的資料夾。
demo-out-not-a-folder = { $path } 已存在，但不是資料夾。請為 --out 指定一個新的或空的資料夾。
demo-try = 試一試：printf 'phone={ $phone }\n' | exposure check --pack { $pack }

## 命令列

cli-about = 離線查詢您的個人資訊是否出現在已知的洩露事件中。
cli-long-about = Exposure 在本機用洩露資料包查詢手機號碼、身分證號碼、姓名加出生日期、電子郵件信箱和使用者名稱。您輸入的任何內容都不會離開這台電腦。整理者用 "exposure build" 從洩露資料建置資料包。
cli-lang-help = 訊息語言：en、zh-CN（簡體中文）或 zh-TW（繁體中文）（預設跟隨系統地區設定）
cli-build-about = 根據建置計畫及其資料檔案建置資料包
cli-build-plan-help = 建置計畫（TOML）
cli-build-out-help = 資料包的寫入位置
cli-build-profile-help = 雜湊成本：test（僅用於示範）、standard 或 strong
cli-build-threads-help = 用於雜湊的工作執行緒數，最多 256（預設每個核心一個，但不超過記憶體預算所能容納的數量：每個執行緒佔用一塊 argon2 緩衝區）
cli-build-memory-help = 記憶體預算，例如 512M 或 4G（預設 1G）；超出後建置會把排序後的金鑰寫入輸出旁的磁碟
cli-build-init-shards-help = 不建置，而是在 --out 指定的資料夾中寫入一個含 N 個部分的分片集
cli-build-shard-help = 建置 N 個部分中的第 I 個（從 0 起），寫入 --shards 指定的分片集資料夾
cli-build-shards-help = 分片集資料夾；與 --out 同用且不帶 --shard 時，用該分片集的鹽值建置整個資料包
cli-build-force-help = 與 --shard 同用：即使該部分已完成也重新建置；與 --out 同用：即使已有檔案不是 Exposure 資料包也替換它
cli-build-usage = 請給出 --out PACK，或 --init-shards N --out DIR，或 --shard I/N --shards DIR。
cli-quiet-help = 不顯示進度條
cli-check-about = 用資料包查詢識別資訊
cli-check-long-about = 從標準輸入讀取識別資訊，每行一項，格式為 類型=值（phone、national_id、name、dob、email、username；name 與 dob 配對），在終端中執行時會逐項詢問。識別資訊從不透過命令列引數傳入，因為其他使用者和 shell 歷史記錄可能看到它們。
cli-check-pack-help = 要查詢的資料包（可重複指定多個）
cli-check-batch-help = 批次查詢多人：此 CSV 檔案每行一人（標題列：phone、national_id、name、dob、email、username，可選 person 標籤），不再從標準輸入讀取
cli-region-help = 未寫國家代碼的電話號碼所屬地區（預設取資料包的設定，通常為 CN）
cli-json-help = 輸出 JSON 而不是文字
cli-normalize-about = 顯示從標準輸入讀取的值正規化後的形式
cli-normalize-kind-help = 識別資訊類型
cli-pack-about = 檢視資料包
cli-pack-info-about = 介紹一個資料包，以及對它進行猜測的代價
cli-pack-sign-about = 用 minisign 私鑰為資料包簽名（在旁邊寫入 PACK.minisig）
cli-pack-verify-about = 用 minisign 公鑰核驗資料包的簽名
cli-pack-merge-about = 把一個分片集的各部分合併為一個資料包
cli-merge-parts-help = 部分檔案，或存放它們的資料夾
cli-merge-force-help = 即使 --out 處已有的檔案不是 Exposure 資料包也替換它
cli-sign-key-help = minisign 私鑰檔案（由 "minisign -G" 生成）
cli-password-file-help = 從此檔案讀取私鑰密碼，而不是在終端詢問
cli-verify-pubkey-help = 預期簽名者的 minisign 公鑰檔案
cli-trust-help = 信任此 minisign 公鑰檔案所做的簽名（可重複多次）
cli-trusted-keys-help = 信任此資料夾中每個 *.pub minisign 公鑰所做的簽名
sign-password-prompt = 私鑰 { $path } 的密碼
sign-password-no-terminal = 沒有可詢問私鑰 { $path } 密碼的終端（密碼從不從標準輸入讀取）：請在終端中執行，或用 --password-file 檔案 提供密碼。
sign-done = 已用金鑰 { $key } 為 { $pack } 簽名：{ $signature }
verify-good = 簽名有效：{ $pack } 由金鑰 { $key } 簽名。
verify-comment = 受信任的註釋：{ $comment }
verify-took = 已核驗每個位元組：{ $megabytes } MB，耗時 { $seconds } 秒。
verify-unsigned = 資料包 { $pack } 沒有簽名（不存在 { $signature }）。
verify-other-signer = 資料包 { $pack } 由金鑰 { $key } 簽名，而不是所給的金鑰（{ $expected }）。
info-signature = 簽名：{ $status }
check-pack-signature = 簽名：{ $status }
password-file-unreadable = 無法讀取密碼檔案 { $path }：{ $reason }。
cli-demo-about = 寫出虛構的示範資料、建置計畫和資料包
cli-demo-out-help = 寫入的資料夾
cli-demo-rows-help = 虛構資料的行數
cli-demo-seed-help = 虛構資料的隨機種子
cli-demo-profile-help = 示範資料包的雜湊成本
cli-demo-dump-only-help = 只寫入資料和計畫，不建置資料包
demo-dump-written = 合成資料已寫入；計畫檔案為 { $plan }
cli-completions-about = 輸出 shell 自動補全指令碼
cli-man-about = 輸出手冊頁
cli-unknown-lang = 未知語言「{ $lang }」：請使用 en、zh-CN 或 zh-TW
cli-unknown-region = 未知地區「{ $region }」：請使用兩個字母的代碼，例如 CN
cli-bad-shard = 「{ $shard }」不是有效的部分：請寫成 I/N，且 0 ≤ I < N ≤ { $max }
cli-bad-size = 「{ $size }」不是有效的大小：請寫位元組數，或帶 K、M、G、T 的數字
cli-bad-rows = 「{ $rows }」不是有效的示範行數：請寫 0 到 { $max } 之間的整數（更大的資料包請用 exposure pack synth）
cli-error-prefix = 錯誤：{ $message }
cli-io-failed = 輸入或輸出失敗：{ $reason }
check-cancelled = 查詢已取消。

## Desktop app

app-title = Exposure 洩露自查
app-tagline = 查一查你的個人資訊是否出現在已知的資料洩露中。你輸入的任何內容都不會離開這台電腦。
app-nav-check = 查詢
app-nav-packs = 資料包
app-nav-about = 隱私
app-language = 語言
app-skip-to-main = 跳到主要內容
app-check-heading = 你想查詢什麼？
app-check-intro = 填寫任意幾項即可，空著的項會被跳過。每一項都只在這台電腦上比對。
app-field-phone = 手機號碼
app-field-phone-hint = 例如 138 0013 8000 或 +86 138-0013-8000
app-field-national_id = 身分證號碼
app-field-national_id-hint = 18 位（最後一位可能是 X），或舊的 15 位號碼
app-field-name = 姓名
app-field-name-hint = 與身分證上一致，例如 張偉；與出生日期一起查詢
app-field-dob = 出生日期
app-field-dob-hint = 例如 1985-03-07、1985/3/7 或 1985年3月7日
app-field-email = 電子郵件地址
app-field-email-hint = 例如 zhang.wei@example.cn
app-field-username = 使用者名稱
app-field-username-hint = 你登入網站或 App 時使用的名字
app-field-ok = 格式正確。
app-show = 顯示
app-hide = 隱藏
app-show-national-id = 顯示身分證號碼
app-hide-national-id = 隱藏身分證號碼
app-check-button = 查詢
app-clear-button = 全部清除
app-cancel-button = 取消
app-checking = 正在查詢… { $done } / { $total }
app-check-nothing = 請先至少填寫一項。
app-check-failed = 查詢未能完成：{ $reason }
app-results-heading = 查詢結果
app-results-found = 你出現在 { $count } 起洩露中。
app-results-none = 在已載入資料包的洩露中沒有找到你。
app-results-none-meaning = 這只涵蓋這些資料包裡的洩露，而且洩露中的寫法可能與你輸入的不同。這並不能保證你的資料是安全的。
app-results-checked = 已將 { $inputs } 項與 { $packs } 個資料包比對。
app-result-not-checked = 未查詢，{ $kind }：{ $reason }
app-finding-matched = 比對符合的資訊
app-finding-simplified = 你的姓名以簡體字形式比對符合（你輸入的是繁體字）。
app-finding-held = 其中關於你的資訊
app-finding-exposed = 這起洩露總體暴露的資訊
app-finding-pack = 來自資料包
app-advice-heading = 現在該怎麼做
# 依次查詢幾個人：之前的結果保存在使用者自取的稱呼之下（稱呼也是輸入的內容，只留在這個畫面上，隨其他內容一起清除）。
# 然後是可以帶走的一頁紙，不含任何輸入的內容，連稱呼也沒有（DESIGN §7.6）。
app-person-label = 這是誰的結果？（可不填）
app-person-label-hint = 自己取一個稱呼，例如「媽媽」，不要用真實姓名。它只留在這個畫面上，會和其他內容一起清除。
app-another-button = 查詢另一個人
app-person-default = 第 { $number } 人
app-people-heading = 之前的結果
app-person-kept = 結果已保存在下方的「{ $label }」之下。請填寫下一個人的資料。
app-print-button = 列印應對措施
app-print-note = 將開啟列印視窗：選擇印表機，或選擇「列印至檔案」儲存為 PDF。這頁紙只列出洩露事件和應對措施，不含輸入的任何內容，連稱呼也沒有。
app-print-note-kiosk = 將開啟列印視窗：請選擇本機的印表機，沒有印表機時請詢問工作人員。這頁紙只列出洩露事件和應對措施，不含輸入的任何內容；請不要在這裡儲存為檔案，下一位訪客可能會開啟它。
app-print-failed = 無法開啟列印視窗：{ $reason }
app-sheet-title = 資料洩露後該怎麼做
app-sheet-made = 由 Exposure 於 { $date } 產生。本頁不含查詢時輸入的任何內容：沒有被查詢者的姓名、號碼或日期。
app-sheet-leaks = 出現在 { $count } 起洩露中
app-sheet-leak-date = 洩露日期：{ $date }
app-sheet-leak-held = 其中與您有關的資料：{ $classes }
app-demo-badge = 示範資料
app-packs-heading = 已載入的資料包
app-packs-intro = 資料包只儲存洩露中各項資訊經過不可逆處理後的金鑰，從不儲存資訊本身。
app-packs-none = 沒有載入任何資料包，因此無法查詢。請新增資料包檔案或資料包資料夾。
app-packs-opening = 正在開啟資料包…
app-pack-curator = 整理者：{ $curator }
app-pack-created = 製作於 { $date }
app-pack-entries = { $entries } 條記錄
app-pack-origin-command_line = 透過命令列開啟
app-pack-origin-user_folder = 來自你的資料包資料夾
app-pack-origin-beside_app = 來自程式旁的資料包資料夾
app-pack-origin-added = 由你新增
app-pack-origin-demo = 內建示範資料包
app-pack-breaches = 此資料包包含的洩露
app-pack-breach = { $title }（{ $date }），{ $records } 條記錄
app-pack-remove = 移除
app-pack-costs-button = 猜測需要多大代價？
app-pack-costs-measuring = 正在這台電腦上測量…
app-add-pack-files = 新增資料包檔案…
app-add-pack-folder = 新增資料包資料夾…
app-add-packs-title = 選擇資料包
app-add-packs-in-place = 你新增的資料包會在原處使用，無論多大都不會被複製：請讓存放它們的磁碟或隨身碟保持連接。移除你新增的資料包只會讓 Exposure 忘記它，檔案本身仍留在原處。
app-refused-heading = 被拒絕的檔案
app-refused-forget = 忘記它
app-refused-forgotten = 已忘記：Exposure 不會再尋找它。
app-added-folders-heading = 你新增的資料夾
app-added-folders-intro = 每次啟動 Exposure 時都會讀取這些資料夾：你之後放進去的資料包也會被使用。忘記資料夾後將不再使用其中的資料包，檔案本身仍留在原處。
app-added-folder-forget = 忘記此資料夾
app-kiosk-no-files = 此自助服務機已關閉新增資料包的功能。
app-unknown-pack = 該資料包已不再載入。
app-window-failed = 無法重新整理視窗：{ $reason }
app-about-heading = 你輸入的內容會怎樣
app-about-1 = 你輸入的內容只留在這台電腦上：本程式不連網，不向任何地方傳送任何內容。
app-about-2 = 每一項都會被轉換成不可逆的金鑰，與資料包中的金鑰比對，然後從記憶體中清除；不儲存任何內容，也沒有歷史記錄。
app-about-3 = 資料包裡沒有任何人可讀的個人資訊，只有這樣的金鑰。
app-about-limit-heading = 誠實的侷限
app-about-limit = 拿到資料包的人可以測試某個他已經認識的人是否在其中；只要電腦足夠多，也能嘗試所有手機號碼。「資料包」頁面列出了在這台電腦上測得的、對每個資料包進行猜測所需的代價。
app-kiosk-notice = 這是一台公用自助服務機：無人使用 { $seconds } 秒後，螢幕上的所有內容都會被清除。
app-window-title = { $page } – Exposure 洩露自查
app-progress-label = 查詢進度
app-checking-started = 正在查詢…
app-results-no-pack = 沒有可以比對的資料：尚未載入任何資料包。請先在「資料包」頁面新增資料包，再重新查詢。
app-results-nothing-checked = 沒有查詢任何內容：請改正下面列出的內容後再查詢。
app-pack-remove-question = 移除「{ $title }」？之後的查詢將不再包含其中的洩露。
app-pack-remove-keep = 保留
app-pack-remove-confirm = 確認移除
app-pack-removed = 已移除「{ $title }」。
app-pack-costs-ready = 測量完成：猜測所需的代價顯示在下方。
app-pack-costs-failed = 無法測量代價，請重試。
app-idle-warning = 還在使用嗎？為保護你的隱私，螢幕上的所有內容將在 { $seconds } 秒後清除。按任意鍵或選擇「繼續使用」。
app-idle-countdown = { $seconds } 秒後清除
app-idle-keep-going = 繼續使用


## 升級（格式 1 到格式 2）
cli-pack-upgrade-about = 僅憑金鑰把格式 1 的資料包改寫為格式 2（之後請為新資料包簽名）
cli-upgrade-old-help = 要升級的格式 1 資料包；只讀取，不改動
cli-upgrade-out-help = 格式 2 資料包的寫入位置
cli-upgrade-force-help = 替換 --out 處已有的檔案
upgrade-done = 已把 { $old } 升級為格式 2：{ $new }，耗時 { $seconds } 秒
upgrade-entries = 條目：{ $entries }（每秒 { $rate } 條）
upgrade-size = 大小：升級前 { $before } 位元組，升級後 { $after } 位元組（每個條目 { $per_entry } 位元組）
upgrade-old-signed-trusted = 已核驗舊資料包的簽名（受信任的金鑰 { $key }）；該簽名綁定的是舊檔案，不會沿用到新資料包。
upgrade-old-signed-unknown = 舊資料包由金鑰 { $key } 簽名，此處不信任該金鑰，因此未核驗其簽名（用 --trust PUBKEY 給出公鑰即可核驗）；該簽名也不會沿用。
upgrade-old-unsigned = 舊資料包沒有簽名。
upgrade-sign-next = 分發前請為新資料包簽名：exposure pack sign { $new } --key SECRET_KEY
upgrade-already-current = { $path } 已經是格式 { $format }：無需升級，未寫入任何檔案。請直接為它簽名並分發。
upgrade-output-exists = { $path } 已存在，未對其做任何改動。請換一個輸出檔案，或加上 --force 替換它。
upgrade-cancelled = 升級已取消，沒有寫入資料包。
info-format = 格式：{ $format }
info-format-old = 格式：1（舊格式：請用 `exposure pack upgrade PACK --out NEW` 升級）
check-old-format = { $path } 是舊格式 1 的資料包，每次檢查都要整個讀入記憶體。請向其整理者索取格式 2 的資料包，或用 `exposure pack upgrade PACK --out NEW` 升級它。
pack-old-format-label = 舊格式 1：請向整理者索取升級後的資料包
