# Exposure: English messages, shared by the command line and the desktop app.
# Every message here must also exist in zh-CN/exposure.ftl and zh-TW/exposure.ftl with the same
# variables (a test checks).

## Identifier kinds

kind-phone = phone number
kind-national_id = national ID number
kind-name_dob = name and date of birth
kind-email = email address
kind-username = username

## Why a typed value was refused

invalid-empty = nothing was entered
invalid-email-without-at = an email address needs an @
invalid-email-empty-part = an email address needs text before and after the @
invalid-email-domain-without-dot = the part after the @ needs a dot, as in example.com
invalid-email-bad-domain = the part after the @ is not a valid domain name
invalid-phone-not-a-number = this is not a phone number
invalid-phone-country-code = the country code is not a known one
invalid-phone-too-short = too few digits for a phone number
invalid-phone-too-long = too many digits for a phone number
invalid-phone-length = no phone number in this region has this many digits
invalid-phone-local-only = this number only works locally: please add the area code
invalid-national-id-length = an ID number has 18 characters (or 15 digits for old cards)
invalid-national-id-characters = an ID number holds only digits, and X as its last character
invalid-national-id-check-character = the last character does not match: please check for a typing mistake
invalid-national-id-birth-date = the birth date inside this ID number is not a real date
invalid-national-id-future-birth-date = the birth date inside this ID number is in the future
invalid-date-unrecognized = write the date as 1985-03-07, 1985/3/7 or 1985年3月7日
invalid-date-impossible = this date does not exist
invalid-date-in-future = a date of birth cannot be in the future
invalid-name-without-dob = a name is only checked together with a date of birth
invalid-dob-without-name = a date of birth is only checked together with a name

## Data classes

class-national_ids = national ID numbers
class-passwords = passwords
class-police_records = police records
class-phone_numbers = phone numbers
class-physical_addresses = home addresses
class-dates_of_birth = dates of birth
class-names = names
class-email_addresses = email addresses
class-delivery_records = delivery records
class-ip_addresses = IP addresses
class-usernames = usernames
class-genders = genders
class-other = { $id }

## Advice, one per exposed data class. Each selects on $channels, the official channels of the
## check's region (crates/core/src/check/advice.rs, Channels): cn mainland China, hk Hong Kong,
## tw Taiwan, other none in particular. Sources of the channels named:
##   96110 and the National Anti-Fraud Center app (国家反诈中心): Ministry of Public Security, https://www.mps.gov.cn
##   12321 (harassment, spam calls, messages and email): https://www.12321.cn
##   Credit Reference Center of the People's Bank of China: https://ipcrs.pbccrc.org.cn
##   一证通查 (phone numbers registered to an ID number): MIIT / CAICT, https://getsimnum.caict.ac.cn
##   Carriers: China Mobile 10086 https://www.10086.cn, China Unicom 10010 https://www.10010.com, China Telecom 10000 https://www.189.cn
##   Hong Kong 18222 Anti-Scam Helpline (Anti-Deception Coordination Centre): https://www.adcc.gov.hk
##   Hong Kong Scameter (CyberDefender, Hong Kong Police): https://cyberdefender.hk
##   Hong Kong Privacy Commissioner for Personal Data (PCPD), 2827 2827: https://www.pcpd.org.hk
##   Hong Kong TransUnion credit report: https://www.transunion.hk
##   Hong Kong SMS Sender Registration Scheme ("#" before registered senders): OFCA, https://www.ofca.gov.hk
##   Taiwan 165 anti-fraud hotline: National Police Agency, https://165.npa.gov.tw
##   Taiwan JCIC credit report and the note on a lost or stolen ID: https://www.jcic.org.tw

# An ID number cannot be changed, so the advice is what to watch for instead.
advice-national_ids = Your ID number was exposed, and it cannot be changed: watch instead for loans, phone lines and accounts opened in your name. { $channels ->
        [cn] See your credit report at the People's Bank of China Credit Reference Center (ipcrs.pbccrc.org.cn, or at a bank counter) now and every few months; see which phone numbers are registered to your ID with the MIIT's 一证通查 service (getsimnum.caict.ac.cn). Report any you did not open to your bank or carrier and to the police (110).
        [hk] Get your credit report from TransUnion (transunion.hk) now and every few months, and report any loan or account you did not open to the lender and the police. The Privacy Commissioner (PCPD, 2827 2827) takes complaints about misuse of your data.
        [tw] Get your credit report from the JCIC (jcic.org.tw) now and every few months; the JCIC can also add a note to your file so that lenders check it is really you. Report any loan or account you did not open to the police (110) or the 165 hotline.
       *[other] Get your credit report from your country's credit bureau now and every few months, and report any loan or account you did not open to the lender and the police.
    }
advice-passwords = A password of yours was exposed. Change it wherever you used it, starting with email, bank and payment apps, and use a different password for each service from now on.
advice-police_records = Police records about you were exposed, and cannot be taken back. They can be used to shame or pressure you. If anyone contacts you quoting them, do not pay or comply; keep the messages and report it to the police{ $channels ->
        [cn] , on 110.
        [hk] , on 999.
        [tw] , on 110.
       *[other] .
    }
advice-phone_numbers = Your phone number was exposed. Expect targeted scam calls and messages that quote your real details to seem official. Never transfer money or give codes on a call you did not expect; hang up and call back on an official number. { $channels ->
        [cn] Report scams to 96110 or with the National Anti-Fraud Center app (国家反诈中心), and harassing calls or messages to 12321. Set a PIN on your SIM card, and ask your carrier (China Mobile 10086, China Unicom 10010, China Telecom 10000) how to stop anyone else getting a SIM card in your name.
        [hk] Call the 18222 Anti-Scam Helpline before you pay anyone, and look up a caller's number in Scameter (cyberdefender.hk). Messages from registered senders begin with "#". Set a PIN on your SIM card, and ask your carrier how to stop anyone else getting a SIM card in your name.
        [tw] Call the 165 anti-fraud hotline before you pay anyone, and report scam calls and messages there. Set a PIN on your SIM card, and ask your carrier how to stop anyone else getting a SIM card in your name.
       *[other] Report scams to the police. Set a PIN on your SIM card, and ask your carrier how to stop anyone else getting a SIM card in your name.
    }
advice-physical_addresses = Your address was exposed. Be wary of deliveries, visitors or letters you did not expect, and of anyone who uses your address to seem trustworthy.
# A date of birth cannot be changed either.
advice-dates_of_birth = Your date of birth was exposed, and it cannot be changed. Do not use it as a password, a PIN or an answer to security questions, and do not trust a caller because they know it.
advice-email_addresses = Your email address was exposed. Expect phishing emails that look real; do not open links or attachments you did not expect, and turn on two-step sign-in for your email. { $channels ->
        [cn] Report spam and phishing emails to 12321 (12321.cn).
       *[other] Report phishing emails to your email provider.
    }
advice-delivery_records = Your delivery records were exposed. Scammers pose as couriers or shops, quoting real orders, to ask for refunds "fees" or payment codes: check with the shop through its own app instead. { $channels ->
        [cn] Report such calls to 96110.
        [hk] Ask the 18222 Anti-Scam Helpline when in doubt.
        [tw] Ask the 165 anti-fraud hotline when in doubt.
       *[other] Report such calls to the police.
    }
advice-usernames = Your username was exposed. Expect attempts to sign in to your accounts: use a strong, unique password and turn on two-step sign-in.
advice-ip_addresses = An IP address you used was exposed. On its own it reveals little; it can hint at your area and internet provider.
advice-general = Stay alert for messages that seem to know a lot about you: knowing your details does not make someone legitimate. If you have lost money, call the police at once{ $channels ->
        [cn] , on 110.
        [hk] , on 999.
        [tw] , on 110.
       *[other] .
    }

## Check

check-header = Checked { $inputs } { $inputs ->
    [one] identifier
   *[other] identifiers
} against { $packs } { $packs ->
    [one] pack:
   *[other] packs:
}
check-pack-line = { $title } ({ $entries } entries, { $protection })
check-input-invalid = Not checked, { $kind }: { $reason }
check-summary-none = Not found in any breach of these packs.
check-none-meaning = This only covers the leaks in the packs you checked, and a leak can hold a value written differently from how you typed it. It is not a guarantee that your data is safe.
check-summary-found = Found in { $count } { $count ->
    [one] breach.
   *[other] breaches.
}
check-breach-dated = { $title } ({ $date })
check-matched = Matched: { $kinds }
check-matched-simplified = The name matched in Simplified characters: you typed it in Traditional ones, and this leak holds it in Simplified.
check-held-about-you = What it held about you: { $classes }
check-breach-exposed = What the breach exposed overall: { $classes }
list-separator = {", "}
check-from-pack = From the pack: { $pack }
check-advice-heading = What to do now:
check-no-input = No identifiers were given. Give one per line as kind=value, for example phone=13800138000.
check-no-valid-input = None of the identifiers given could be checked.
check-stdin-failed = Could not read standard input: { $reason }
check-prompt-intro = Type what you want to check, or press Enter to skip. Nothing you type is saved or sent anywhere.
input-line-no-equals = Line { $line }: write each identifier as kind=value, for example phone=13800138000.
input-line-unknown-kind = Line { $line }: the text before "=" is not a kind of identifier (it is not shown, in case it is one). Start the line with one of: { $kinds }.
input-line-unknown-kind-suggest = Line { $line }: the text before "=" is not a kind of identifier (it is not shown, in case it is one). Did you mean { $suggestion }? The kinds are: { $kinds }.
input-line-too-long = Line { $line } is longer than { $max } bytes, far longer than any identifier, and was not read. Give one identifier per line, as kind=value.
input-line-not-utf8 = Line { $line } is not UTF-8 text. Save the input as UTF-8 and try again.
# check --batch: a CSV of people, one a row. Values are never shown, only column and row numbers.
batch-no-kind-column = The people file's header names no kind of identifier, so there is nothing to check. Name its columns with some of: { $kinds } (and optionally person, a label for each row).
batch-unknown-column = Column { $column } of the people file's header is not a kind of identifier (it is not shown, in case the header line is missing and it is someone's data). Name each column one of: { $kinds }, or person.
batch-unknown-column-suggest = Column { $column } of the people file's header is not a kind of identifier (it is not shown, in case it is someone's data). Did you mean { $suggestion }? The kinds are: { $kinds }, or person.
batch-person-twice = Column { $column } of the people file is a second person column. Keep one label column.
batch-header-unreadable = The people file's header line could not be read as CSV. Save the file as UTF-8 CSV with a header line and try again.
batch-io = The people file could not be read: { $reason }
batch-row-not-utf8 = Row { $row } is not UTF-8 text and was not checked. Save the file as UTF-8 and check that row again.
batch-row-field-count = Row { $row } has { $found } fields where the header has { $expected }, and was not checked. Fix that row and check it again.
batch-row-malformed = Row { $row } is not valid CSV and was not checked. Fix that row and check it again.
check-batch-person = ── { $person } (row { $row })
check-batch-row = ── Row { $row }
check-batch-nothing = Nothing to check in this row: its fields are empty.

prompt-phone = Phone number
prompt-national_id = National ID number (hidden as you type)
prompt-name = Name (goes with the date of birth)
prompt-dob = Date of birth, e.g. 1985-03-07
prompt-email = Email address
prompt-username = Username

## Normalize

normalize-rejected = refused: { $reason }
normalize-no-input = No values were given: give one per line on standard input.

## Packs

protection-weak = weak protection
protection-standard = standard protection
protection-strong = strong protection
pack-demo-label = demo data: synthetic people, not a real leak
pack-synthetic-label = synthetic: random keys written to measure scale, not a real leak
cli-pack-synth-about = Write a synthetic pack of random keys, to measure and test scale
cli-synth-entries-help = Random keys to write
cli-synth-from-help = A small real pack whose parameters, breaches and entries are kept, its people found among the random keys
cli-synth-seed-help = Seed of the random keys: the same options give the same pack
synth-done = Wrote the synthetic pack { $path } in { $seconds } s
synth-entries = { $random } random entries, { $kept } kept from --from
pack-duplicate = { $path } is the same pack as { $first }: it is used once.
pack-missing = The pack { $path } does not exist.
pack-not-a-file = { $path } is not a file, so it cannot be a pack.
pack-unreadable = The pack { $path } cannot be read: { $reason }.
pack-not-sqlite = { $path } is not a pack (it is not an SQLite database).
pack-not-a-pack = { $path } is an SQLite database but not an Exposure pack.
pack-wal-mode = The pack { $path } is in a write-ahead-log mode that packs never use; it was refused.
pack-unsupported-version = The pack { $path } has format version { $version }, which this version of Exposure cannot read. Please update Exposure.
pack-unsupported-normalization = The pack { $path } was built with identifier normalization version { $version }; this version of Exposure knows up to { $known }, so it would miss people who are in the pack. Please update Exposure.
pack-unexpected-schema = The pack { $path } has tables that do not match the pack format; it was refused.
pack-bad-meta = The pack { $path } has a missing or invalid "{ $field }" setting; it was refused.
pack-bad-breach = The pack { $path } has an invalid breach record ({ $breach }); it was refused.
pack-bad-value = The pack { $path } is malformed: its { $table } table holds a value of the wrong type. It was refused; get a fresh copy from its curator.
pack-value-too-large = The pack { $path } holds a value larger than any sound pack does; it was refused.
pack-corrupt = The pack { $path } is damaged (its integrity check failed). Get a fresh copy.
pack-bad-cost = The pack { $path } asks for unreasonable hashing costs: { $reason }. No genuine pack does: get a fresh copy from its curator.
pack-sqlite = The pack { $path } could not be read (SQLite error { $code }): it is damaged or was not made by Exposure. Get a fresh copy from its curator.
pack-write = The pack { $path } could not be written: { $reason }
pack-signature-write = The signature { $path } could not be written, so the pack is not signed: { $reason }
pack-entry-out-of-range = The pack { $path } was not written: an entry names a breach or data class the pack does not have, so a shard part it came from is damaged or forged. Build the parts again.
pack-same-id = { $path } claims the id { $id } of another pack, { $used }, but holds other content. The one better vouched for by a signature is used: { $used }. Keep only the pack you got from its curator.
pack-too-large = The pack { $path } is larger than { $max } bytes, the most this version of Exposure opens.
pack-bad-header = The pack { $path } has an SQLite header that Exposure never writes (page size, journal mode, free pages or encoding); it was refused. Get a fresh copy from its curator.
pack-length-mismatch = The pack { $path } is not as long as its header says: it was truncated or has bytes appended, for instance by an interrupted copy. It was refused; copy it again.
pack-too-many-rows = The pack { $path } has more rows in its { $table } table than any pack may hold; it was refused. Get a fresh copy from its curator.
pack-bad-palette = The pack { $path } has an invalid table of breach and data-class combinations; it was refused. Get a fresh copy from its curator.
pack-root-mismatch = The pack { $path } is damaged or was altered: its content does not match the hash it states. It was refused; get a fresh copy from its curator.
pack-damaged = The pack { $path } is damaged or was altered: the part of it this check read is missing or does not match its hash tree, so no answer was taken from it. Get a fresh copy from its curator.
pack-bad-bucket = The pack { $path } holds entries in a form the pack format does not allow, so no answer was taken from it. Get a fresh copy from its curator.
pack-writer-limit = The pack { $path } was not written: its entries exceed what the pack format holds (more than 65536 combinations of breach and data classes, or far more entries than any leak). Split the plan into several packs.
pack-entries-changed = The pack { $path } was not written: its entries were not the same when read a second time, or not in order. Make sure nothing changes the input while the pack is written, then try again.
io-not-found = it does not exist (check the path)
io-permission-denied = permission denied (check who may read or write it)
io-is-a-directory = it is a folder, not a file
io-not-a-directory = it, or a folder on its path, is not a folder
io-already-exists = a file of that name already exists
io-invalid-data = its content is not valid text in the expected encoding (UTF-8 unless said otherwise)
io-truncated = it ends too early: it is truncated
io-storage-full = the disk is full; free some space and try again
io-read-only = the disk or folder is read-only
io-too-large = it is too large
io-out-of-memory = there is not enough memory; close other programs or give a smaller --memory
io-would-block = it is not ready to be read (a pipe or a device?); give an ordinary file
io-other = the operating system reported an input/output error; check the disk and try again
io-not-a-file = it is not an ordinary file (a folder, a device or a pipe); give the path of a file
io-larger-than = it is larger than { $max } bytes, far more than any such file holds
pack-timed-out = Reading the pack { $path } took far longer than any sound pack needs; it was refused.
pack-signature-unreadable = The signature file beside the pack { $path } cannot be read: { $reason }.
pack-signature-malformed = The signature file beside the pack { $path } is not a minisign signature; the pack was refused.
pack-signature-legacy = The pack { $path } has a legacy (non-prehashed) minisign signature, which Exposure does not accept; ask its curator to sign it again.
pack-signature-control = The signature of the pack { $path } has control characters in its comment; the pack was refused.
pack-signature-invalid = The signature of the pack { $path } does not match its content: the pack was changed after it was signed, or the signature belongs to another file. It was refused.
pack-signature-comment-invalid = The signature file beside the pack { $path } was altered: its trusted comment is not the one its key signed. The pack was refused; get the pack and its signature again from its curator.
pack-signature-cancelled = The check of the signature of the pack { $path } was cancelled before it ended, so the signature was not verified; run it again to verify it.
pack-signature-unbound = The signature of the pack { $path } is valid but does not say which pack it is for; sign the pack with "exposure pack sign".
pack-signature-mismatch = The signature of the pack { $path } was made for another pack (its { $field } differs); the pack was refused.
signature-trusted = signed by a trusted key ({ $key })
signature-unknown-signer = signed by an unknown key ({ $key }), so the signature was not checked
signature-unsigned = not signed; nobody vouches for this pack
key-unreadable = The key file or folder { $path } cannot be read: { $reason }.
key-malformed = { $path } is not a minisign key.
references-unreadable = The list of packs you added, { $path }, cannot be read: { $reason }. Add your packs again.
references-malformed = The list of packs you added, { $path }, is damaged. Add your packs again: the list is written anew.
references-unwritable = Exposure could not save the list of packs you added, { $path } ({ $reason }): the change holds only until the app is closed. Make that folder writable, then add or remove the pack again.
key-needs-password = The secret key { $path } is protected by a password: type it when asked, or give --password-file.
key-wrong-password = Wrong password for the secret key { $path }.
error-cost-out-of-bounds = its argon2 costs ({ $m } KiB of memory, { $t } { $t ->
    [one] pass
   *[other] passes
}, { $p } { $p ->
    [one] lane
   *[other] lanes
}) are beyond what Exposure accepts (at most { $max_m } KiB, { $max_t } passes and { $max_p } lanes, and memory times passes at most four times the strong profile's)

info-id = Pack id: { $id }
info-curator = Curator: { $curator }
info-created = Created: { $created }
info-entries = Entries: { $entries }
info-protection = Protection: { $protection } (argon2id, { $m } KiB of memory, { $t } passes, { $p } lane)
info-breaches = { $count } { $count ->
    [one] breach:
   *[other] breaches:
}
info-breach = { $title }, { $date }, { $records } records
info-limit-heading = The honest limit: what guessing costs
info-limit-intro = Anyone who has this pack can test guesses against it. One guess takes { $ms } ms on one core of this computer; with its { $cores } cores:
info-attack = { $attack }: { $time }
# The GPU figures scale a public benchmark (crates/core/src/check/guess_cost.rs, GPU_BENCHMARK).
info-limit-gpu-intro = An attacker renting graphics cards goes faster. One { $device } makes about { $rate } guesses a second at this pack's cost (hashcat's argon2id benchmark of { $date }, { $source }, scaled to this pack's memory and passes). On one such card:
info-limit-gpu-outro = A hundred rented cards take a hundredth of these times.
info-limit-outro = A graphics card or many computers can be much faster. The pack hides who is in it from casual eyes; it cannot hide one person from someone who already knows their details.

attack-all-mobiles = trying every Chinese mobile number
attack-all-national-ids = trying every valid national ID number
attack-one-national-id = testing one person whose birthplace and birthday are known
attack-known-name = testing a known name against every birthday of a century
attack-one-million-emails = testing a list of a million email addresses
attack-one-person = testing one known username

span-years = about { $n } years
span-days = about { $n } days
span-hours = about { $n } hours
span-minutes = about { $n } minutes
span-seconds = about { $n } seconds

## Plans

plan-read = Cannot read the plan { $path }: { $reason }
plan-syntax = The plan { $path } has an error on line { $line }, column { $column }: { $reason }.
plan-syntax-toml = this is not valid TOML (check the quotes, brackets and "=" signs)
plan-syntax-missing-field = the setting "{ $field }" is missing here
plan-syntax-unknown-field = "{ $field }" is not a setting known here (check its spelling and the table it is in)
plan-syntax-duplicate-key = "{ $field }" is given twice
plan-syntax-unquoted-date = a date must be written in quotes, as "YYYY-MM-DD"
plan-syntax-expected-text = this must be text in quotes (a title may also be a table of texts per language)
plan-syntax-expected-boolean = this must be true or false
plan-syntax-expected-list = this must be a list in brackets, such as [ "names" ]
plan-syntax-expected-table = this must be a table of settings
plan-syntax-wrong-type = this value has the wrong type for this setting
plan-syntax-unknown-value = "{ $value }" is not allowed here; use one of: { $allowed }
plan-no-breaches = The plan { $path } has no [[breach]] section ({ $what }).
plan-empty-title = The plan { $path } needs a title ({ $what }).
plan-empty-curator = The plan { $path } needs a curator ({ $what }).
plan-bad-pack-id = In the plan { $path }, { $what } must use lowercase letters, digits and dashes only.
plan-unknown-region = In the plan { $path }, { $what }: "{ $detail }" is not a known region code such as CN.
plan-bad-breach-id = In the plan { $path }, { $what }: a breach id uses lowercase letters, digits and dashes only.
plan-duplicate-breach-id = In the plan { $path }, { $what }: this breach id is used twice.
plan-bad-date = In the plan { $path }, { $what }: the date must be YYYY-MM-DD, YYYY-MM or YYYY.
plan-bad-class = In the plan { $path }, { $what }: "{ $detail }" is not a snake_case data class id.
plan-too-many-classes = The plan { $path } declares more than 64 data classes ({ $what }).
plan-no-sources = In the plan { $path }, { $what } has no [[breach.source]].
plan-source-missing = In the plan { $path }, { $what }: the file { $detail } does not exist.
plan-source-not-a-file = In the plan { $path }, { $what }: { $detail } is not a regular file.
plan-source-unreadable = In the plan { $path }, { $what }: cannot read { $detail }
plan-source-header-encoding = In the plan { $path }, { $what }: the header row of { $detail } is not valid { $encoding } text; check the encoding the plan declares for it.
plan-source-empty = In the plan { $path }, { $what }: the file { $detail } is empty.
plan-source-utf16 = In the plan { $path }, { $what }: { $detail } is UTF-16 or UTF-32 text; for UTF-16 set encoding = "utf-16" (or "auto") for this source, and convert UTF-32 to UTF-8 first.
plan-source-not-utf8 = In the plan { $path }, { $what }: { $detail } is not UTF-8 (line { $line } is not valid UTF-8) but reads as GB18030; set encoding = "gb18030" for this source.
plan-source-looks-utf8 = In the plan { $path }, { $what }: { $detail } is declared { $encoding } but is UTF-8 text, which would be read as mojibake (张伟 as 寮犱紵) and make wrong keys; set encoding = "utf-8" for this source.
plan-source-utf16-without-bom = In the plan { $path }, { $what }: { $detail } looks like UTF-16 but has no byte order mark, so which byte comes first would be a guess and a wrong guess reads every character as another; save it as UTF-16 with a byte order mark, or as UTF-8.
plan-source-encoding-undetected = In the plan { $path }, { $what }: could not tell the encoding of { $detail } (the best guess, { $guess }, is not one Exposure reads); set encoding to "utf-8", "gb18030", "big5" or "utf-16" for this source.
plan-source-archive = In the plan { $path }, { $what }: { $detail }: { $reason }
plan-member-without-zip = In the plan { $path }, { $what }: "member" names a file inside a zip archive, but { $detail } is not read as one; remove "member", or set compression = "zip".
archive-not-zip = it is not a zip archive, or its list of files is damaged; check that the file is whole, or set compression for this source.
archive-no-member = the zip archive holds no file.
archive-several-members = the zip archive holds { $count } files; name the one to read with member = "…" (its path inside the archive).
archive-member-missing = the zip archive holds no file named "{ $member }"; check member against the archive's list of files.
archive-unsafe-member = the zip archive's file "{ $member }" has a path that leaves the archive (../ or absolute), a sign of a hostile archive; it is never read. Extract the dump with a tool you trust and check it first.
archive-encrypted = the zip archive's file "{ $member }" is encrypted; decrypt it with the password first.
archive-unsupported-method = the zip archive's file "{ $member }" is compressed with a method other than deflate; recompress it as an ordinary zip or gzip.
archive-bomb = it inflates to more than { $ratio } times its compressed size, which no real dump does: a decompression bomb. Nothing was written.
archive-damaged = the zip archive's file "{ $member }" is damaged (its checksum or size does not match); get the archive again.
plan-unknown-field = In the plan { $path }, { $what }: "{ $detail }" is not a field; use email, phone, national_id_cn, username, name, dob, address, gender, password, ip_address, police_record, delivery_record, data:<class> or ignore.
plan-unknown-column = In the plan { $path }, { $what }: the column "{ $detail }" is not in the file's header.
plan-bad-column-number = In the plan { $path }, { $what }: without a header, columns are numbers from 1, not "{ $detail }".
plan-column-past-end = In the plan { $path }, { $what }: there is no column { $detail }: the file's first row has { $columns } columns. Number the columns from 1 as they are in the file.
plan-duplicate-column = In the plan { $path }, { $what }: the column "{ $detail }" is mapped twice (names are compared without surrounding spaces); map each column once.
plan-header-with-jsonl = In the plan { $path }, { $what }: JSON Lines files have no header; remove "header".
plan-no-key-field = In the plan { $path }, { $what }: no column makes a key; map at least one of email, phone, national_id_cn, username, or name with dob.
plan-name-without-date = In the plan { $path }, { $what }: a name only makes a key with a date of birth; map a dob column too.
plan-option-not-for-format = In the plan { $path }, { $what }: "{ $option }" is not an option of format { $format }; remove it, or set the format it belongs to ("table": sql, "delimiter": text, "sheet": xlsx).
plan-sql-table-unnamed = In the plan { $path }, { $what }: a SQL dump may hold many tables; name the one to read with table = "…" (the first with rows is "{ $detail }").
plan-sql-no-rows = In the plan { $path }, { $what }: { $detail } holds no rows: no INSERT … VALUES and no COPY … FROM stdin. Is it a SQL dump of data, not of the schema only?
plan-sql-unknown-table = In the plan { $path }, { $what }: no INSERT or COPY in the dump fills the table "{ $detail }"; the tables it fills are: { $tables }. Check the spelling of table.
plan-sql-unknown-column = In the plan { $path }, { $what }: the column "{ $detail }" is neither in the column list of the first INSERT or COPY of table "{ $table }" nor in its CREATE TABLE; its columns are: { $columns }.
plan-sql-no-column-names = In the plan { $path }, { $what }: the column "{ $detail }" cannot be found, since the INSERTs of table "{ $table }" list no columns and no CREATE TABLE of it comes before them; number the columns from 1 as they are in each tuple.
plan-missing-delimiter = In the plan { $path }, { $what }: a text source needs a delimiter, the string between fields; add one, for example delimiter = "----".
plan-bad-delimiter = In the plan { $path }, { $what }: the delimiter is empty or holds a line break; give the string that stands between fields on a line, for example "----" or "|".
plan-not-json-array = In the plan { $path }, { $what }: { $detail } does not begin with "[", so it is not one JSON array; if it holds one JSON object a line, set format = "jsonl".
plan-json-not-utf8 = In the plan { $path }, { $what }: JSON is UTF-8; remove "encoding", or convert the file to UTF-8 and use format = "json".
plan-workbook-unreadable = In the plan { $path }, { $what }: { $detail } is not a workbook that can be read (xlsx, xls or ods), or it is damaged; open it in a spreadsheet and save it again as xlsx.
plan-workbook-bomb = In the plan { $path }, { $what }: { $detail } was refused: its part { $part } inflates to more than { $ratio } times its size, or past { $limit } MiB held whole, as a zip bomb does. Save the sheet again as xlsx or as CSV from a spreadsheet you trust.
plan-workbook-long-cell = In the plan { $path }, { $what }: { $detail } was refused: its part { $part } holds a cell or a stretch of XML longer than { $limit } MiB, which no spreadsheet writes (a cell holds at most 32,767 characters). Save the sheet again as xlsx or as CSV from a spreadsheet you trust.
plan-workbook-too-large = In the plan { $path }, { $what }: { $detail } is an xls or ods file larger than { $limit } MiB, which is read whole; save it as xlsx (read a row at a time) or as CSV.
plan-workbook-too-many-cells = In the plan { $path }, { $what }: { $detail } is an xls or ods file whose sheets lay out more than { $cells } million cells (from each sheet's first cell to its last, counting the rows and columns an ods file repeats), which would be held whole; save it as xlsx (read a row at a time) or as CSV, after deleting the empty rows and columns it repeats and any cell far from the rest.
plan-workbook-too-much-text = In the plan { $path }, { $what }: { $detail } is an xls or ods file whose cells hold more than { $limit } MiB of text (each cell holds its own copy of text it shares with others or repeats), which would be held whole; save it as xlsx (read a row at a time) or as CSV.
plan-unknown-sheet = In the plan { $path }, { $what }: { $detail } has no sheet by that name; its sheets are: { $sheets }. Set sheet to one of them, or remove it to read the first.
plan-workbook-no-sheet = In the plan { $path }, { $what }: { $detail } has no sheet to read.

## Build

row-problem-encoding = not valid text in the declared encoding
row-problem-field-count = wrong number of fields
row-problem-json = not a JSON object
row-problem-no-identifier = no usable identifier
row-problem-too-long = a value longer than 1 MiB, or a line longer than 64 MiB
row-problem-nul-byte = NUL bytes in a value (binary data, or UTF-16 text?)
row-problem-repeated-header = a repeat of the header row
row-problem-duplicate-key = a JSON object with the same key twice
row-problem-mangled-number = number mangled: write it as text (an identifier was a JSON number with a fraction, or with more digits than a float keeps)
row-problem-sql-syntax = not a list of SQL values (the rest of its statement was skipped too)
row-problem-truncated = cut off by the end of the file (a truncated dump, or a quote never closed)
row-problem-extended-json = a MongoDB Extended JSON value that is not a number, an id or a date (an unknown "$" key); export that field as text
row-problem-spreadsheet-number = number mangled by a spreadsheet: it keeps 15 significant digits, so an ID stored as a number has lost its last ones; export the column as text
row-problem-date-cell = a date cell where a phone, ID, email or username was expected: the spreadsheet took the value for a date; format the column as text and export again
dump-unclosed-quote = the quote (") opened on line { $line } is never closed
build-rejected-value = { $kind } refused: { $reason }
build-read-failed = Reading { $path } failed: { $reason }
build-records-out-of-order = { $path } holds its records out of order: it is damaged, or Exposure did not write it, so it cannot be merged. Build that part again with --force.
build-records-out-of-order-spilled = The build's sorted temporary files came back out of order: the disk beside the output, or the memory, may be failing. No pack was written; build again, or write the pack to another disk.
build-row-too-long = { $path } has a row longer than { $max } bytes (an unbalanced quote?); the build was stopped and no pack was written.
build-unclosed-quote = { $path }: the quote (") opened on line { $line } is never closed, so every row after it would be read as one field; the build was stopped and no pack was written. Close or remove that quote in the file and build again.
build-archive-failed = Reading { $path } was stopped: { $reason }
build-workbook-unreadable = The workbook { $path } turned out damaged partway through its sheet, so no pack was written. Open it in a spreadsheet, save it again as xlsx, and build again.
build-no-keys = No row of the dumps gave a key ({ $rows } rows read{ $count ->
    [0] {""}
   *[other] ; most often: { $count } × { $reason }
}), so no pack was written. Check the plan's columns, format and encoding against the files.
build-write-failed = Writing { $path } failed: { $reason }
build-output-is-folder = { $path } is a folder, not a file name: give the name of the pack to write, for example a name ending in .exposure inside that folder.
build-output-folder-missing = The folder of { $path } does not exist: create it first, or write the pack into a folder that exists. Nothing was read yet.
build-output-not-a-file = { $path } exists and is not a regular file (a device, a pipe or a socket); it was left alone. Write the pack to a file name instead.
build-output-is-input = { $path } is a file this build reads (its plan, a dump file, the shard set or a part): writing the pack there would destroy it, so nothing was written. Choose another output file.
build-output-not-a-pack = { $path } exists and is not an Exposure pack; it was left alone. Choose another output file, or add --force to replace it.
build-output-in-use = { $path } is open in another program (the Exposure app, or another exposure command), and Windows cannot replace an open file; it was left alone. Close that program, or write the pack to another file, then run this again.
build-thread-failed = The system would not start another worker thread ({ $reason }); give fewer --threads.
build-too-many-threads = --threads { $threads } does not fit in the memory budget: each thread needs { $per_thread } MiB for argon2 at this profile, and { $memory } MiB hold at most { $fit } threads. Give at most --threads { $fit }, or more --memory.
build-too-many-breaches = The plan has too many breaches for one pack.
build-cancelled = The build was cancelled; no pack was written.
synth-from-empty = { $path } holds no entry, so random keys would have no breach to be found in. Choose a pack with entries for --from, or leave --from out.
build-done = Built { $path } in { $seconds } s
build-rows-read = rows read: { $rows } ({ $rate } rows/s)
build-rows-used = rows with at least one key: { $rows }
build-rows-skipped = rows skipped: { $rows }
build-values-rejected = values refused: { $values }
build-warning-rows-lost = warning: { $lost } of { $rows } rows ({ $percent }%) gave no key. Check the plan's columns, format and encoding before using this pack.
build-warning-unmatched-path = warning: the JSON path "{ $column }" occurs in no row of { $file }; check its spelling (nothing was read from it).
build-encoding-detected = { $file }: read as { $encoding } (detected from its first { $bytes } bytes, as encoding = "auto" asked).
build-count-reason = { $count } × { $reason }
# Where a row, or its offending value, sits in its dump. A cell is written as spreadsheets
# write a reference (Sheet1!C12), so it can be pasted into the spreadsheet's Name Box.
position-line = line { $line }
position-tuple = line { $line }, statement { $statement }, tuple { $tuple }
position-element = line { $line }, element { $element } of the array
position-sheet-row = sheet { $sheet }, row { $row }
position-cell = cell { $sheet }!{ $cell }
build-examples = first examples (file, position, masked value):
build-example = { $file } { $position }: { $reason }
build-example-masked = { $file } { $position }: { $reason } ({ $masked })
build-keys = keys: { $keys } ({ $detail })
build-key-rate = key derivation: { $rate } keys/s
build-entries = entries: { $entries }
build-pack-size = pack size: { $bytes } bytes ({ $per_entry } bytes per entry)
build-spilled = sorted runs spilled to disk to stay within the memory budget: { $runs } ({ $hashes } hashes)
shards-initialized = Shard set written to { $path }: { $count } parts. Build each with --shard I/{ $count }, then join them with `exposure pack merge`.
shard-already-built = { $path } is already built; nothing to do (use --force to build it again).
shard-io = Reading or writing { $path } failed: { $reason }
shard-not-a-set = { $path } is not an Exposure shard set.
shard-bad-cost = The shard set or part { $path } asks for unreasonable hashing costs: { $reason }. It was changed by hand or damaged: make a new shard set with --init-shards and a --profile.
shard-truncated = The part { $path } is shorter than its header says: it is truncated (a copy or a build that stopped early). Copy it again, or build that part again: exposure build PLAN --shards DIR --shard { $shard } --force
shard-not-a-part = { $path } is not an Exposure part file, or it is damaged.
shard-part-damaged = { $path } is damaged: its checksum does not match its content (or it is cut short), so it cannot be merged. Build that part again: exposure build PLAN --shards DIR --shard { $shard } --force
shard-part-old = { $path } was built by an older version of Exposure, without a checksum. Build that part again: exposure build PLAN --shards DIR --shard { $shard } --force
shard-plan-changed = The plan or its dump files changed since the shard set { $path } was made; make a new set.
shard-wrong-count = The shard set { $path } has { $count } parts.
shard-mismatch = { $path } belongs to another shard set or plan than the other parts.
shard-missing = Part { $index } of { $count } is missing; every part is needed for the merge.
shard-duplicate = Part { $index } was given twice.
shard-exists = { $path } already exists: a new set would change the salt and orphan the parts already built.
shard-normalization = { $path } was made under { $found ->
        [0] identifier rules it does not record
       *[other] version { $found } of the identifier rules
    }, and this Exposure applies version { $current }: the same value would make another key, so parts of both cannot be merged. Make a new shard set (--init-shards) and build every part again with this version.

progress-reading = reading
progress-deriving = hashing
progress-writing = writing
progress-verifying = verifying
progress-rows = { $rows } rows, { $rate } rows/s

## Demo

demo-write-failed = Could not write the demo files: { $reason }
demo-out-not-empty = { $path } already holds files, and the demo never writes over them. Give --out a new or empty folder.
demo-out-not-a-folder = { $path } exists and is not a folder. Give --out a new or empty folder.
demo-try = Try it: printf 'phone={ $phone }\n' | exposure check --pack { $pack }

## Command line

cli-about = Check offline whether your personal data is in a known leak.
cli-long-about = Exposure checks phone numbers, ID numbers, names with dates of birth, emails and usernames against breach packs on this computer. Nothing you type leaves it. Curators build packs from leaked dumps with "exposure build".
cli-lang-help = Language of messages: en, zh-CN (Simplified Chinese) or zh-TW (Traditional Chinese) (default: from the system locale)
cli-build-about = Build a pack from a plan and its dump files
cli-build-plan-help = The build plan (TOML)
cli-build-out-help = Where to write the pack
cli-build-profile-help = Hashing cost: test (demo only), standard or strong
cli-build-threads-help = Worker threads for hashing, at most 256 (default: one per core, as many as the memory budget holds: each keeps one argon2 buffer)
cli-build-memory-help = Memory budget, e.g. 512M or 4G (default 1G); beyond it the build spills sorted keys to disk beside the output
cli-build-init-shards-help = Write a shard set of N parts into the folder given by --out, instead of building
cli-build-shard-help = Build part I of N (from 0) into the shard set's folder given by --shards
cli-build-shards-help = The shard set's folder; with --out and without --shard, build the whole pack with the set's salt
cli-build-force-help = With --shard: build the part again even if it is already finished. With --out: replace an existing file even if it is not an Exposure pack
cli-build-usage = Give --out PACK, or --init-shards N --out DIR, or --shard I/N --shards DIR.
cli-quiet-help = Show no progress bar
cli-check-about = Check identifiers against packs
cli-check-long-about = Reads identifiers from standard input, one kind=value per line (phone, national_id, name, dob, email, username; a name pairs with a dob), or asks for them when run in a terminal. Identifiers are never taken from the command line, where other users and the shell history could see them.
cli-check-pack-help = A pack to check against (repeat for several)
cli-check-batch-help = Check many people, one a row of this CSV file (header: phone, national_id, name, dob, email, username, and an optional person label), instead of reading standard input
cli-region-help = Region for phone numbers written without a country code (default: the pack's, usually CN)
cli-json-help = Print JSON instead of text
cli-normalize-about = Show the normalized form of values read from standard input
cli-normalize-kind-help = The kind of identifier
cli-pack-about = Inspect packs
cli-pack-info-about = Describe a pack and what guessing against it would cost
cli-pack-sign-about = Sign a pack with a minisign secret key (writes PACK.minisig beside it)
cli-pack-verify-about = Check a pack's signature against a minisign public key
cli-pack-merge-about = Join the parts of a shard set into one pack
cli-merge-parts-help = Part files, or folders holding them
cli-merge-force-help = Replace an existing file at --out even if it is not an Exposure pack
cli-sign-key-help = The minisign secret key file (made by "minisign -G")
cli-password-file-help = Read the secret key's password from this file instead of asking
cli-verify-pubkey-help = The minisign public key file of the expected signer
cli-trust-help = Trust signatures by this minisign public key file (repeat for several)
cli-trusted-keys-help = Trust signatures by every *.pub minisign public key in this folder
sign-password-prompt = Password for the secret key { $path }
sign-password-no-terminal = There is no terminal to ask the password of the secret key { $path } on (the password is never read from standard input): run this in a terminal, or give the password with --password-file FILE.
sign-done = Signed { $pack } with key { $key }: { $signature }
verify-good = Good signature: { $pack } is signed by the key { $key }.
verify-comment = Trusted comment: { $comment }
verify-took = Every byte checked: { $megabytes } MB in { $seconds } s.
verify-unsigned = The pack { $pack } is not signed (there is no { $signature }).
verify-other-signer = The pack { $pack } is signed by the key { $key }, not by the key given ({ $expected }).
info-signature = Signature: { $status }
check-pack-signature = signature: { $status }
password-file-unreadable = The password file { $path } cannot be read: { $reason }.
cli-demo-about = Write a synthetic demo dump, its plan and its pack
cli-demo-out-help = Folder to write into
cli-demo-rows-help = Rows of synthetic data
cli-demo-seed-help = Seed of the synthetic data
cli-demo-profile-help = Hashing cost of the demo pack
cli-demo-dump-only-help = Write the dump and its plan only; build no pack
demo-dump-written = Synthetic dump written; its plan is { $plan }
cli-completions-about = Print shell completions
cli-man-about = Print the manual page
cli-unknown-lang = unknown language "{ $lang }": use en, zh-CN or zh-TW
cli-unknown-region = unknown region "{ $region }": use a two-letter code such as CN
cli-bad-shard = "{ $shard }" is not a part: write I/N with 0 ≤ I < N ≤ { $max }
cli-bad-size = "{ $size }" is not a size: write bytes, or a number with K, M, G or T
cli-bad-rows = "{ $rows }" is not a row count for the demo: write a whole number from 0 to { $max } (for larger packs, use exposure pack synth)
cli-error-prefix = error: { $message }
cli-io-failed = Input or output failed: { $reason }
check-cancelled = The check was cancelled.

## Desktop app

app-title = Exposure
app-tagline = Check whether your personal data is in a known leak. Nothing you type leaves this computer.
app-nav-check = Check
app-nav-packs = Packs
app-nav-about = Privacy
app-language = Language
app-skip-to-main = Skip to the main content
app-check-heading = What do you want to check?
app-check-intro = Fill in any fields you like; empty fields are skipped. Each value is checked only on this computer.
app-field-phone = Phone number
app-field-phone-hint = For example 138 0013 8000 or +86 138-0013-8000
app-field-national_id = National ID number
app-field-national_id-hint = 18 characters (the last may be X), or the old 15-digit number
app-field-name = Name
app-field-name-hint = As written on your ID, for example 张伟; checked together with the date of birth
app-field-dob = Date of birth
app-field-dob-hint = For example 1985-03-07, 1985/3/7 or 1985年3月7日
app-field-email = Email address
app-field-email-hint = For example zhang.wei@example.cn
app-field-username = Username
app-field-username-hint = A name you use to sign in to a website or an app
app-field-ok = Looks right.
app-show = Show
app-hide = Hide
app-show-national-id = Show the ID number
app-hide-national-id = Hide the ID number
app-check-button = Check
app-clear-button = Clear everything
app-cancel-button = Cancel
app-checking = Checking… { $done } of { $total }
app-check-nothing = Fill in at least one field first.
app-check-failed = The check could not finish: { $reason }
app-results-heading = Results
app-results-found = You were found in { $count } { $count ->
    [one] leak.
   *[other] leaks.
}
app-results-none = Not found in any leak of the loaded packs.
app-results-none-meaning = This only covers the leaks in these packs, and a leak can hold a value written differently from how you typed it. It is not a guarantee that your data is safe.
app-results-checked = Checked { $inputs } { $inputs ->
    [one] item
   *[other] items
} against { $packs } { $packs ->
    [one] pack.
   *[other] packs.
}
app-result-not-checked = Not checked, { $kind }: { $reason }
app-finding-matched = Matched by what you typed
app-finding-simplified = Your name matched in Simplified characters (you typed it in Traditional ones).
app-finding-held = What it held about you
app-finding-exposed = What this leak exposed overall
app-finding-pack = From the pack
app-advice-heading = What to do now
# Several people, one after another: each earlier answer is kept under a label the person
# chooses (typed, so on this screen only, wiped with the rest). Then the sheet to take home,
# which holds nothing typed, not even that label (DESIGN §7.6).
app-person-label = Whose answer is this? (optional)
app-person-label-hint = A name you choose, such as “Mum”, not a real name. It stays on this screen only and is wiped with everything else.
app-another-button = Check another person
app-person-default = Person { $number }
app-people-heading = Earlier answers
app-person-kept = The answer is kept below under “{ $label }”. Fill in the next person's details.
app-print-button = Print what to do
app-print-note = Opens the print window: choose a printer, or “Print to File” to save a PDF. The sheet lists the leaks and what to do, never what was typed, not even a label.
app-print-note-kiosk = Opens the print window: choose this kiosk's printer, and ask the staff if there is none. The sheet lists the leaks and what to do, never what was typed; do not save it to a file here, where the next visitor could open it.
app-print-failed = The print window could not be opened: { $reason }
app-sheet-title = What to do after a data leak
app-sheet-made = Made with Exposure on { $date }. This sheet holds nothing typed to make it: no name, number or date of the person checked.
app-sheet-leaks = Found in { $count } { $count ->
    [one] leak
   *[other] leaks
}
app-sheet-leak-date = Date of the leak: { $date }
app-sheet-leak-held = What it held about you: { $classes }
app-demo-badge = Demo data
app-packs-heading = Loaded packs
app-packs-intro = A pack holds scrambled keys of the identifiers in one or more leaks, never the identifiers themselves.
app-packs-none = No pack is loaded, so nothing can be checked. Add a pack file or a folder of packs.
app-packs-opening = Opening the packs…
app-pack-curator = Curated by { $curator }
app-pack-created = Made on { $date }
app-pack-entries = { $entries } entries
app-pack-origin-command_line = Opened from the command line
app-pack-origin-user_folder = From your packs folder
app-pack-origin-beside_app = From the packs folder beside the app
app-pack-origin-added = Added by you
app-pack-origin-demo = Built-in demo pack
app-pack-breaches = Leaks in this pack
app-pack-breach = { $title } ({ $date }), { $records } records
app-pack-remove = Remove
app-pack-costs-button = What would guessing cost?
app-pack-costs-measuring = Measuring on this computer…
app-add-pack-files = Add pack files…
app-add-pack-folder = Add a folder of packs…
app-add-packs-title = Choose Exposure packs
app-add-packs-in-place = Packs you add are used where they are, never copied, however large: keep the drive that holds them connected. Removing a pack you added only forgets it; the file stays where it is.
app-refused-heading = Files that were refused
app-refused-forget = Forget it
app-refused-forgotten = Forgotten: it will no longer be looked for.
app-added-folders-heading = Folders you added
app-added-folders-intro = These folders are read each time Exposure starts: packs you put in them later are used too. Forgetting a folder stops using its packs; its files stay where they are.
app-added-folder-forget = Forget this folder
app-kiosk-no-files = Adding packs is turned off on this kiosk.
app-unknown-pack = That pack is no longer loaded.
app-window-failed = The window could not be renewed: { $reason }
app-about-heading = What happens to what you type
app-about-1 = What you type stays on this computer: Exposure has no internet connection and sends nothing anywhere.
app-about-2 = Each value is turned into a scrambled key, compared with the keys in the packs, and then wiped from memory; nothing is saved, not even a history.
app-about-3 = The packs do not contain anyone's details in readable form, only such scrambled keys.
app-about-limit-heading = The honest limit
app-about-limit = Anyone who has a pack can test whether one person they already know is in it, and with enough computers could try every phone number. The Packs page shows what guessing would cost for each pack, measured on this computer.
app-kiosk-notice = This is a public kiosk: everything on the screen is wiped after { $seconds } seconds without use.
app-window-title = { $page } – Exposure
app-progress-label = Progress of the check
app-checking-started = Checking…
app-results-no-pack = There is nothing to check against: no pack is loaded. Add a pack on the Packs page, then check again.
app-results-nothing-checked = Nothing was checked: correct the values listed below, then check again.
app-pack-remove-question = Remove “{ $title }”? Checks will no longer look in its leaks.
app-pack-remove-keep = Keep it
app-pack-remove-confirm = Remove it
app-pack-removed = “{ $title }” was removed.
app-pack-costs-ready = Measured: the cost of guessing is shown below.
app-pack-costs-failed = The cost could not be measured. Try again.
app-idle-warning = Still there? To protect your privacy, everything on this screen will be wiped in { $seconds } seconds. Press any key or choose “Keep going”.
app-idle-countdown = Wiped in { $seconds } s
app-idle-keep-going = Keep going


## Upgrade (format 1 to format 2)
cli-pack-upgrade-about = Rewrite a format 1 pack as format 2, from its keys alone (then sign the new pack)
cli-upgrade-old-help = The format 1 pack to upgrade; it is only read
cli-upgrade-out-help = Where to write the format 2 pack
cli-upgrade-force-help = Replace an existing file at --out
upgrade-done = Upgraded { $old } to format 2: { $new } in { $seconds } s
upgrade-entries = entries: { $entries } ({ $rate } entries/s)
upgrade-size = size: { $before } bytes before, { $after } bytes after ({ $per_entry } bytes an entry)
upgrade-old-signed-trusted = The old pack's signature (trusted key { $key }) was checked; it binds the old file and does not carry over.
upgrade-old-signed-unknown = The old pack is signed by key { $key }, which is not trusted here, so its signature was not checked (give --trust PUBKEY to check it); it does not carry over.
upgrade-old-unsigned = The old pack was not signed.
upgrade-sign-next = Sign the new pack before handing it out: exposure pack sign { $new } --key SECRET_KEY
upgrade-already-current = { $path } is already format { $format }: there is nothing to upgrade, and nothing was written. Sign it and hand it out as it is.
upgrade-output-exists = { $path } already exists and was left alone. Choose another output file, or add --force to replace it.
upgrade-cancelled = The upgrade was cancelled; no pack was written.
info-format = Format: { $format }
info-format-old = Format: 1 (old format: upgrade with `exposure pack upgrade PACK --out NEW`)
check-old-format = { $path } is a pack in the old format 1, read whole into memory at every check. Ask its curator for a format 2 pack, or upgrade it with `exposure pack upgrade PACK --out NEW`.
pack-old-format-label = old format 1: ask its curator for an upgraded pack
