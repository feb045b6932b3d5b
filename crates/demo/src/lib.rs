//! A synthetic leaked dump, for the demo and for every test that needs one.
//!
//! Real leaks are messy, and a checker that only ever meets tidy input proves little. So this
//! module writes four made-up breaches in the shapes curators actually receive: a GB18030 CSV
//! with Chinese headers, a header-less TSV with a byte order mark, JSON lines with nested and
//! missing fields, and a mysqldump file (a `CREATE TABLE`, then positional multi-row `INSERT`s,
//! hundreds of tuples a line) whose strings hold commas, quotes and line breaks. Identifiers come in
//! the many ways people type them (`138 0013 8000`, `+86 138-0013-8000`, full-width digits,
//! legacy 15-digit ID numbers, `1985年3月7日`, `张 伟`, `阿依古丽•买买提`), and about 3% of rows are
//! broken the way real rows are (wrong check character, 30 February, a birth date in the future,
//! `12345` as a phone number, an email without `@`, no identifier at all).
//!
//! Everything is drawn from a ChaCha8 stream seeded with [`DemoOptions::seed`]: no clock, no
//! hash-map order, so one seed and row count always give byte-identical files. No value belongs
//! to a real person: names are random combinations of common characters, phone numbers random
//! digits, emails at reserved example domains, IP addresses in the documentation ranges.
//!
//! [`DemoDump::people`] lists everyone the generator made, with their identifiers as a person
//! would type them and the breaches whose rows hold at least one *valid* identifier of theirs, so
//! a test can type a person back in and know exactly which breaches must answer.

pub mod ods;
pub mod xls;

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Value};
use time::{Date, macros::date};

use exposure_core::identifier::check_character;

/// The most rows a demo dump may have: the generator keeps every person it makes in memory
/// (a few hundred bytes each), and a larger dump tests nothing a smaller one does not (`pack
/// synth` makes packs of any size).
pub const MAX_ROWS: usize = 1_000_000;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// Seeds the ChaCha8 stream everything is drawn from.
    pub seed: u64,
    /// Data rows over all dump files, roughly split among the breaches (the showcase person's
    /// rows come on top); at most [`MAX_ROWS`].
    pub rows: usize,
}

impl Default for DemoOptions {
    fn default() -> DemoOptions {
        DemoOptions {
            seed: 20221,
            rows: 2_000,
        }
    }
}

/// One synthetic person, with their identifiers in canonical form (what a test types back in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPerson {
    /// `张伟`, `阿依古丽·买买提` (always with `·`) or a Latin name such as `Kevin Zhang`.
    pub name: String,
    pub dob: Date,
    /// An 11-digit Chinese mobile number, plain digits.
    pub phone: String,
    /// 18 characters with a valid check character; its birth date is `dob`.
    pub national_id: String,
    /// At an example domain; some at the internationalized `例子.中国`.
    pub email: String,
    /// Lowercase.
    pub username: String,
    /// Slugs of the breaches whose rows hold at least one valid identifier of this person, in
    /// [`BREACH_IDS`] order.
    pub breaches: Vec<String>,
}

/// What [`write_dump`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoDump {
    /// `plan.toml` (DESIGN.md §5), naming every file by a path relative to itself.
    pub plan: PathBuf,
    /// One file per breach, in [`BREACH_IDS`] order.
    pub files: Vec<PathBuf>,
    /// Everyone generated: the showcase person first, the absent person second, then the rest.
    /// Includes people in no breach at all, for negative checks.
    pub people: Vec<DemoPerson>,
}

/// The demo's breaches, in plan order.
pub const BREACH_IDS: [&str; 4] = [
    "demo-police-2022",
    "demo-courier-2021",
    "demo-forum-2020",
    "demo-shop-2019",
];

const POLICE: usize = 0;
const COURIER: usize = 1;
const FORUM: usize = 2;
const SHOP: usize = 3;

const FILE_NAMES: [&str; 4] = [
    "police-2022.csv",
    "courier-2021.xlsx",
    "forum-2020.jsonl",
    "shop-2019.sql",
];

/// Percent of the rows each breach gets.
const SHARES: [usize; 4] = [35, 25, 25, 15];
const BROKEN_RATE: f64 = 0.03;
const DUPLICATE_RATE: f64 = 0.01;
const EMPTY_LINE_RATE: f64 = 0.005;

/// The fixed person the README and the tests check: in the police, courier and forum breaches
/// (each time written differently), not in the shop.
pub fn showcase_person() -> DemoPerson {
    DemoPerson {
        name: "张伟".to_owned(),
        dob: date!(1985 - 03 - 07),
        phone: "13800138000".to_owned(),
        national_id: with_check_character("11010519850307123"),
        email: "zhang.wei@example.cn".to_owned(),
        username: "zhangwei85".to_owned(),
        breaches: BREACH_IDS[..3].iter().map(|&s| s.to_owned()).collect(),
    }
}

/// A fixed person in no breach at all, for negative checks.
pub fn absent_person() -> DemoPerson {
    DemoPerson {
        name: "李娜".to_owned(),
        dob: date!(1990 - 01 - 01),
        phone: "13900139000".to_owned(),
        national_id: with_check_character("11010819900101234"),
        email: "li.na@example.org".to_owned(),
        username: "lina90".to_owned(),
        breaches: Vec::new(),
    }
}

/// The demo pack's salt: fixed so the demo pack is the same file on every machine.
pub const DEMO_SALT: exposure_core::keys::Salt = exposure_core::keys::Salt(*b"exposure-demo-01");

/// The file name of the demo pack inside its folder.
pub const DEMO_PACK_FILE: &str = "demo.exposure";

/// How the demo pack is built, reproducibly: fixed salt, creation time and "today", and marked as
/// demo data so every face labels it. Faces add progress and cancellation.
pub fn build_options(
    profile: exposure_core::keys::cost::Profile,
) -> exposure_build::pipeline::BuildOptions {
    let mut options = exposure_build::pipeline::BuildOptions::new(profile.cost());
    options.salt = Some(DEMO_SALT);
    options.created = Some("2026-01-01T00:00:00Z".to_owned());
    options.today = Some(date!(2026 - 01 - 01));
    options.demo = true;
    options
}

/// Why the demo pack could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DemoError {
    #[error("{}", exposure_core::l10n::Message::new("demo-write-failed").arg("reason", exposure_core::l10n::io_reason(.0.kind()).to_string()))]
    Write(#[from] io::Error),
    #[error(transparent)]
    Plan(#[from] exposure_build::plan::PlanError),
    #[error(transparent)]
    Build(#[from] exposure_build::pipeline::BuildError),
}

/// Writes the synthetic dump and its plan into `dir` and builds the demo pack there at the test
/// profile, quietly: what the desktop app embeds and the tests check against. Returns the pack's
/// path.
pub fn build_demo_pack(dir: &Path, options: &DemoOptions) -> Result<PathBuf, DemoError> {
    let built = build_demo_pack_with(
        dir,
        options,
        exposure_core::keys::cost::Profile::Test,
        &exposure_core::progress::Silent,
        &exposure_core::progress::Cancel::new(),
    )?;
    Ok(built.pack)
}

/// A demo pack built, and what its build found.
#[derive(Debug)]
pub struct BuiltDemo {
    pub pack: PathBuf,
    pub summary: exposure_build::pipeline::BuildSummary,
}

/// [`build_demo_pack`] at any profile, with progress and a way to stop it: `exposure demo`.
pub fn build_demo_pack_with(
    dir: &Path,
    options: &DemoOptions,
    profile: exposure_core::keys::cost::Profile,
    progress: &dyn exposure_core::progress::Progress,
    cancel: &exposure_core::progress::Cancel,
) -> Result<BuiltDemo, DemoError> {
    let dump = write_dump(dir, options)?;
    let plan = exposure_build::plan::Plan::load(&dump.plan)?;
    let pack = dir.join(DEMO_PACK_FILE);
    let summary =
        exposure_build::pipeline::build(&plan, &pack, &build_options(profile), progress, cancel)?;
    Ok(BuiltDemo { pack, summary })
}

/// Writes the four dump files and `plan.toml` into `dir` (created if missing).
pub fn write_dump(dir: &Path, options: &DemoOptions) -> io::Result<DemoDump> {
    fs::create_dir_all(dir)?;
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut people = generate_people(&mut rng, (options.rows * 3 / 5).max(8));

    let mut rows = [0; 4];
    for (breach, share) in SHARES.iter().enumerate().take(3) {
        rows[breach] = options.rows * share / 100;
    }
    rows[SHOP] = options.rows - rows[..SHOP].iter().sum::<usize>();

    let files: Vec<PathBuf> = FILE_NAMES.iter().map(|name| dir.join(name)).collect();
    for (breach, path) in files.iter().enumerate() {
        let encoding = if breach == POLICE {
            Encoding::Gb18030
        } else {
            Encoding::Utf8
        };
        // The courier's rows are written as text lines first, then laid out as its workbook.
        let text = if breach == COURIER {
            path.with_extension("tsv")
        } else {
            path.clone()
        };
        let mut sink = Sink::create(&text, encoding)?;
        let mut writer = RowGen {
            rng: &mut rng,
            people: &mut people,
            breach,
            serial: 0,
        };
        writer.write(&mut sink, rows[breach])?;
        sink.finish()?;
        if breach == COURIER {
            write_workbook(&text, path)?;
            fs::remove_file(&text)?;
        }
    }

    let plan = dir.join("plan.toml");
    fs::write(&plan, plan_toml(options))?;

    let people = people
        .into_iter()
        .map(|synth| {
            let mut person = synth.person;
            person.breaches = BREACH_IDS
                .iter()
                .enumerate()
                .filter(|(i, _)| synth.breaches & (1 << i) != 0)
                .map(|(_, id)| (*id).to_owned())
                .collect();
            person
        })
        .collect();
    Ok(DemoDump {
        plan,
        files,
        people,
    })
}

fn with_check_character(first17: &str) -> String {
    let mut id = first17.to_owned();
    id.push(check_character(first17.as_bytes()));
    id
}

// ---------------------------------------------------------------------------------------------
// People

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Han,
    Uyghur,
    Latin,
}

/// A generated person and what the generator needs to write them out.
#[derive(Debug)]
struct Synth {
    person: DemoPerson,
    male: bool,
    script: Script,
    region: usize,
    /// Bit `i` set when breach `i` holds a valid identifier of this person.
    breaches: u8,
}

struct Region {
    code: &'static str,
    prefix: &'static str,
    streets: &'static [&'static str],
}

const REGIONS: [Region; 13] = [
    Region {
        code: "110105",
        prefix: "北京市朝阳区",
        streets: &["建国路", "朝阳北路", "望京街", "酒仙桥路"],
    },
    Region {
        code: "110108",
        prefix: "北京市海淀区",
        streets: &["中关村大街", "学院路", "北四环西路"],
    },
    Region {
        code: "310104",
        prefix: "上海市徐汇区",
        streets: &["漕溪北路", "肇嘉浜路", "天钥桥路"],
    },
    Region {
        code: "310115",
        prefix: "上海市浦东新区",
        streets: &["世纪大道", "张杨路", "陆家嘴环路"],
    },
    Region {
        code: "440106",
        prefix: "广东省广州市天河区",
        streets: &["天河路", "体育西路", "黄埔大道"],
    },
    Region {
        code: "440305",
        prefix: "广东省深圳市南山区",
        streets: &["科技园路", "南海大道", "深南大道"],
    },
    Region {
        code: "330106",
        prefix: "浙江省杭州市西湖区",
        streets: &["文三路", "天目山路", "西溪路"],
    },
    Region {
        code: "510107",
        prefix: "四川省成都市武侯区",
        streets: &["人民南路", "武侯祠大街", "科华北路"],
    },
    Region {
        code: "420106",
        prefix: "湖北省武汉市武昌区",
        streets: &["中南路", "中北路", "武珞路"],
    },
    Region {
        code: "320102",
        prefix: "江苏省南京市玄武区",
        streets: &["中山路", "北京东路", "珠江路"],
    },
    Region {
        code: "610113",
        prefix: "陕西省西安市雁塔区",
        streets: &["长安南路", "小寨东路", "科技路"],
    },
    Region {
        code: "650102",
        prefix: "新疆维吾尔自治区乌鲁木齐市天山区",
        streets: &["解放南路", "新华南路", "团结路"],
    },
    Region {
        code: "653101",
        prefix: "新疆维吾尔自治区喀什地区喀什市",
        streets: &["人民东路", "解放北路", "色满路"],
    },
];
const XINJIANG_REGIONS: [usize; 2] = [11, 12];

const SURNAMES: [(&str, &str); 42] = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("何", "he"),
    ("高", "gao"),
    ("林", "lin"),
    ("罗", "luo"),
    ("郑", "zheng"),
    ("梁", "liang"),
    ("谢", "xie"),
    ("宋", "song"),
    ("唐", "tang"),
    ("许", "xu"),
    ("韩", "han"),
    ("冯", "feng"),
    ("邓", "deng"),
    ("曹", "cao"),
    ("彭", "peng"),
    ("曾", "zeng"),
    ("萧", "xiao"),
    ("田", "tian"),
    ("董", "dong"),
    ("潘", "pan"),
    ("袁", "yuan"),
    ("蔡", "cai"),
    ("蒋", "jiang"),
    ("余", "yu"),
    ("欧阳", "ouyang"),
    ("司马", "sima"),
];

const MALE_GIVEN: [(&str, &str); 40] = [
    ("伟", "wei"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("勇", "yong"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("斌", "bin"),
    ("超", "chao"),
    ("明", "ming"),
    ("刚", "gang"),
    ("平", "ping"),
    ("辉", "hui"),
    ("鹏", "peng"),
    ("华", "hua"),
    ("飞", "fei"),
    ("鑫", "xin"),
    ("波", "bo"),
    ("宇", "yu"),
    ("浩", "hao"),
    ("凯", "kai"),
    ("健", "jian"),
    ("俊", "jun"),
    ("帆", "fan"),
    ("帅", "shuai"),
    ("旭", "xu"),
    ("宁", "ning"),
    ("龙", "long"),
    ("林", "lin"),
    ("洋", "yang"),
    ("建", "jian"),
    ("国", "guo"),
    ("志", "zhi"),
    ("文", "wen"),
    ("峰", "feng"),
    ("子", "zi"),
    ("轩", "xuan"),
    ("博", "bo"),
    ("睿", "rui"),
    ("晨", "chen"),
];

const FEMALE_GIVEN: [(&str, &str); 34] = [
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("艳", "yan"),
    ("娟", "juan"),
    ("霞", "xia"),
    ("秀", "xiu"),
    ("玲", "ling"),
    ("桂", "gui"),
    ("英", "ying"),
    ("婷", "ting"),
    ("雪", "xue"),
    ("慧", "hui"),
    ("颖", "ying"),
    ("琳", "lin"),
    ("晶", "jing"),
    ("欣", "xin"),
    ("悦", "yue"),
    ("佳", "jia"),
    ("怡", "yi"),
    ("梦", "meng"),
    ("雨", "yu"),
    ("思", "si"),
    ("涵", "han"),
    ("萱", "xuan"),
    ("倩", "qian"),
    ("洁", "jie"),
    ("燕", "yan"),
    ("红", "hong"),
    ("梅", "mei"),
    ("兰", "lan"),
    ("月", "yue"),
];

const UYGHUR_MALE: [(&str, &str); 6] = [
    ("艾尔肯", "erkin"),
    ("买买提江", "memetjan"),
    ("阿不都热合曼", "abdurehman"),
    ("努尔麦麦提", "nurmemet"),
    ("艾克拜尔", "ekber"),
    ("吐尔洪", "turhun"),
];
const UYGHUR_FEMALE: [(&str, &str); 6] = [
    ("阿依古丽", "ayigul"),
    ("古丽娜尔", "gulnar"),
    ("热依拉", "reyila"),
    ("迪丽努尔", "dilnur"),
    ("帕提古丽", "patigul"),
    ("米热古丽", "mirigul"),
];
const UYGHUR_FATHER: [(&str, &str); 10] = [
    ("买买提", "memet"),
    ("吐尔逊", "tursun"),
    ("阿不都拉", "abdulla"),
    ("托合提", "tohti"),
    ("艾力", "eli"),
    ("依明", "imin"),
    ("卡德尔", "kadir"),
    ("阿布拉", "abla"),
    ("司马义", "simayi"),
    ("艾合买提", "ehmet"),
];
const ENGLISH_MALE: [&str; 6] = ["David", "Kevin", "Jason", "Eric", "Michael", "Tony"];
const ENGLISH_FEMALE: [&str; 6] = ["Lily", "Grace", "Vivian", "Cindy", "Emma", "Amy"];

/// Only reserved example domains: `例子.中国` is the IANA-reserved IDN test domain for Chinese.
const EMAIL_DOMAINS: [&str; 4] = ["example.com", "example.cn", "example.org", "例子.中国"];
const IDN_DOMAIN_ASCII: &str = "xn--fsqu00a.xn--fiqs8s";

const MOBILE_PREFIXES: [&str; 30] = [
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182",
    "186", "188", "191", "199",
];

/// Unique values already handed out, so that no two people share an identifier.
#[derive(Default)]
struct Taken {
    phones: HashSet<String>,
    ids: HashSet<String>,
    emails: HashSet<String>,
    usernames: HashSet<String>,
    names_dob: HashSet<(String, Date)>,
}

impl Taken {
    fn reserve(&mut self, p: &DemoPerson) {
        self.phones.insert(p.phone.clone());
        self.ids.insert(p.national_id.clone());
        self.emails.insert(p.email.clone());
        self.usernames.insert(p.username.clone());
        self.names_dob.insert((p.name.to_lowercase(), p.dob));
    }

    // Each of these draws values until one is not taken yet, and takes it.

    fn date_of_birth(&mut self, rng: &mut ChaCha8Rng, name: &str) -> Date {
        loop {
            let first = date!(1950 - 01 - 01).to_julian_day();
            let last = date!(2004 - 12 - 31).to_julian_day();
            let dob = Date::from_julian_day(rng.random_range(first..=last)).expect("in range");
            if self.names_dob.insert((name.to_lowercase(), dob)) {
                return dob;
            }
        }
    }

    fn national_id(
        &mut self,
        rng: &mut ChaCha8Rng,
        region: usize,
        dob: Date,
        male: bool,
    ) -> String {
        loop {
            let sequence = rng.random_range(0..500) * 2 + u32::from(male);
            let first17 = format!(
                "{}{:04}{:02}{:02}{:03}",
                REGIONS[region].code,
                dob.year(),
                u8::from(dob.month()),
                dob.day(),
                sequence
            );
            let id = with_check_character(&first17);
            if self.ids.insert(id.clone()) {
                return id;
            }
        }
    }

    fn phone(&mut self, rng: &mut ChaCha8Rng) -> String {
        loop {
            let phone = format!(
                "{}{:08}",
                pick(rng, &MOBILE_PREFIXES),
                rng.random_range(0..100_000_000u32)
            );
            if self.phones.insert(phone.clone()) {
                return phone;
            }
        }
    }

    /// Made of the name's Latin letters; a digit is appended until it is free.
    fn email(&mut self, rng: &mut ChaCha8Rng, family: &str, given: &str, dob: Date) -> String {
        let yy = dob.year() % 100;
        let domain = EMAIL_DOMAINS[match rng.random_range(0..100) {
            0..=34 => 0,
            35..=64 => 1,
            65..=84 => 2,
            _ => 3,
        }];
        let mut local = match rng.random_range(0..4) {
            0 => format!("{family}.{given}"),
            1 => format!("{given}.{family}"),
            2 => format!("{family}{given}{yy:02}"),
            _ => format!("{}{}{}", &given[..1], family, rng.random_range(1..1000)),
        };
        loop {
            let email = format!("{local}@{domain}");
            if self.emails.insert(email.clone()) {
                return email;
            }
            local.push(char::from(b'0' + rng.random_range(0..10u8)));
        }
    }

    /// Made of the name's Latin letters; a digit is appended until it is free.
    fn username(&mut self, rng: &mut ChaCha8Rng, family: &str, given: &str, dob: Date) -> String {
        let yy = dob.year() % 100;
        let mut username = match rng.random_range(0..4) {
            0 => format!("{family}{given}{yy:02}"),
            1 => format!("{given}_{family}"),
            2 => format!("{family}_{given}{}", dob.year()),
            _ => format!("xiao{given}{}", rng.random_range(1..100)),
        };
        loop {
            if self.usernames.insert(username.clone()) {
                return username;
            }
            username.push(char::from(b'0' + rng.random_range(0..10u8)));
        }
    }
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Biased towards the front of the list (common surnames first).
fn pick_front<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    let a = rng.random_range(0..items.len());
    let b = rng.random_range(0..items.len());
    &items[a.min(b)]
}

fn generate_people(rng: &mut ChaCha8Rng, random_people: usize) -> Vec<Synth> {
    let mut taken = Taken::default();
    let showcase = showcase_person();
    let absent = absent_person();
    taken.reserve(&showcase);
    taken.reserve(&absent);
    let mut people = vec![
        Synth {
            person: showcase,
            male: true,
            script: Script::Han,
            region: 0,
            breaches: 0,
        },
        Synth {
            person: absent,
            male: false,
            script: Script::Han,
            region: 1,
            breaches: 0,
        },
    ];
    people.reserve(random_people);
    for _ in 0..random_people {
        people.push(generate_person(rng, &mut taken));
    }
    people
}

fn generate_person(rng: &mut ChaCha8Rng, taken: &mut Taken) -> Synth {
    let male = rng.random_bool(0.5);
    let roll = rng.random_range(0..100);
    let script = match roll {
        0..=2 => Script::Uyghur,
        3..=6 => Script::Latin,
        _ => Script::Han,
    };
    let Named {
        name,
        family,
        given,
    } = match script {
        Script::Han => Named::han(rng, male),
        Script::Uyghur => Named::uyghur(rng, male),
        Script::Latin => Named::latin(rng, male),
    };
    let region = if script == Script::Uyghur && rng.random_bool(0.8) {
        *pick(rng, &XINJIANG_REGIONS)
    } else {
        rng.random_range(0..REGIONS.len() - XINJIANG_REGIONS.len())
    };
    let dob = taken.date_of_birth(rng, &name);
    let national_id = taken.national_id(rng, region, dob, male);
    let phone = taken.phone(rng);
    let email = taken.email(rng, &family, &given, dob);
    let username = taken.username(rng, &family, &given, dob);
    Synth {
        person: DemoPerson {
            name,
            dob,
            phone,
            national_id,
            email,
            username,
            breaches: Vec::new(),
        },
        male,
        script,
        region,
        breaches: 0,
    }
}

/// A person's name as written, and in Latin letters for emails and usernames.
struct Named {
    name: String,
    family: String,
    given: String,
}

impl Named {
    /// A surname and one or two given characters.
    fn han(rng: &mut ChaCha8Rng, male: bool) -> Named {
        let (surname, surname_py) = *pick_front(rng, &SURNAMES);
        let pool: &[(&str, &str)] = if male { &MALE_GIVEN } else { &FEMALE_GIVEN };
        let mut name = surname.to_owned();
        let mut given = String::new();
        let length = if rng.random_bool(0.35) { 1 } else { 2 };
        for _ in 0..length {
            let (c, py) = *pick(rng, pool);
            name.push_str(c);
            given.push_str(py);
        }
        Named {
            name,
            family: surname_py.to_owned(),
            given,
        }
    }

    /// An own name and the father's, joined by a middle dot.
    fn uyghur(rng: &mut ChaCha8Rng, male: bool) -> Named {
        let pool: &[(&str, &str)] = if male { &UYGHUR_MALE } else { &UYGHUR_FEMALE };
        let (own, own_latin) = *pick(rng, pool);
        let (father, father_latin) = *pick(rng, &UYGHUR_FATHER);
        Named {
            name: format!("{own}·{father}"),
            family: father_latin.to_owned(),
            given: own_latin.to_owned(),
        }
    }

    /// A pinyin surname with an English or pinyin given name, in either order.
    fn latin(rng: &mut ChaCha8Rng, male: bool) -> Named {
        let (_, surname_py) = *pick_front(rng, &SURNAMES[..40]);
        let given = if rng.random_bool(0.5) {
            (*pick(rng, if male { &ENGLISH_MALE } else { &ENGLISH_FEMALE })).to_owned()
        } else {
            let pool: &[(&str, &str)] = if male { &MALE_GIVEN } else { &FEMALE_GIVEN };
            capitalized(pick(rng, pool).1)
        };
        let family = capitalized(surname_py);
        // Both orders occur: "Kevin Zhang", "Zhang Wei".
        let name = if rng.random_bool(0.5) {
            format!("{given} {family}")
        } else {
            format!("{family} {given}")
        };
        Named {
            name,
            family: surname_py.to_owned(),
            given: given.to_lowercase(),
        }
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Messy renderings of valid identifiers

/// A name as a clerk typed it: stray spaces between Han characters, look-alike middle dots,
/// Latin names in any case with doubled spaces.
fn messy_name(rng: &mut ChaCha8Rng, synth: &Synth) -> String {
    let name = &synth.person.name;
    match synth.script {
        Script::Han => match rng.random_range(0..20) {
            0 | 1 => {
                // "张 伟": a space after the surname (or between every character).
                let chars: Vec<char> = name.chars().collect();
                let mut out = String::new();
                for (i, c) in chars.iter().enumerate() {
                    if i > 0 && (i == 1 || rng.random_bool(0.5)) {
                        out.push(' ');
                    }
                    out.push(*c);
                }
                out
            }
            2 => format!(" {name} "),
            _ => name.clone(),
        },
        Script::Uyghur => {
            let dot = *pick(rng, &['·', '·', '•', '・', '．']);
            name.replace('·', dot.encode_utf8(&mut [0; 4]))
        }
        Script::Latin => match rng.random_range(0..5) {
            0 => name.to_uppercase(),
            1 => name.to_lowercase(),
            2 => name.replace(' ', "  "),
            _ => name.clone(),
        },
    }
}

/// A valid phone number in one of the ways Chinese dumps write them.
fn messy_phone(rng: &mut ChaCha8Rng, phone: &str) -> String {
    let (a, b, c) = (&phone[..3], &phone[3..7], &phone[7..]);
    match rng.random_range(0..20) {
        0 => format!("{a} {b} {c}"),
        1 => format!("{a}-{b}-{c}"),
        2 => format!("+86 {phone}"),
        3 => format!("0086 {a} {b} {c}"),
        4 => format!("86{phone}"),
        5 => format!("(+86){a}-{b}-{c}"),
        6 => full_width(phone),
        7 => format!("+86 {a}-{b}-{c}"),
        8 => format!("+86{phone}"),
        _ => phone.to_owned(),
    }
}

fn full_width(ascii: &str) -> String {
    ascii
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// A valid national ID number: 18 characters (sometimes a lowercase `x`), legacy 15 digits for
/// about 15% of people born in the 1900s, sometimes spaced out.
fn messy_national_id(rng: &mut ChaCha8Rng, id: &str, dob: Date) -> String {
    if (1900..=1999).contains(&dob.year()) && rng.random_bool(0.15) {
        return legacy_id(id);
    }
    if id.ends_with('X') && rng.random_bool(0.4) {
        return id.to_lowercase();
    }
    match rng.random_range(0..20) {
        0 => format!("{} {} {}", &id[..6], &id[6..14], &id[14..]),
        1 => format!("{} {} {} {}", &id[..6], &id[6..10], &id[10..14], &id[14..]),
        _ => id.to_owned(),
    }
}

/// The 15-digit form of an 18-digit number of someone born in the 1900s.
fn legacy_id(id: &str) -> String {
    format!("{}{}", &id[..6], &id[8..17])
}

fn messy_email(rng: &mut ChaCha8Rng, email: &str) -> String {
    let (local, domain) = email.rsplit_once('@').expect("generated emails have @");
    let domain = if domain == EMAIL_DOMAINS[3] && rng.random_bool(0.3) {
        IDN_DOMAIN_ASCII
    } else {
        domain
    };
    match rng.random_range(0..10) {
        0 | 1 => {
            let local: String = local
                .split('.')
                .map(capitalized)
                .collect::<Vec<_>>()
                .join(".");
            format!("{local}@{domain}")
        }
        2 => format!("{}@{}", local.to_uppercase(), domain.to_uppercase()),
        3 => format!("{local}@{}", domain.to_uppercase()),
        _ => format!("{local}@{domain}"),
    }
}

/// A date of birth in one of the formats people use.
fn messy_date(rng: &mut ChaCha8Rng, year: i32, month: u8, day: u8) -> String {
    match rng.random_range(0..8) {
        0 => format!("{year}/{month}/{day}"),
        1 => format!("{year}.{month}.{day}"),
        2 => format!("{year}{month:02}{day:02}"),
        3 => format!("{year}年{month}月{day}日"),
        _ => format!("{year}-{month:02}-{day:02}"),
    }
}

fn messy_dob(rng: &mut ChaCha8Rng, dob: Date) -> String {
    messy_date(rng, dob.year(), u8::from(dob.month()), dob.day())
}

// ---------------------------------------------------------------------------------------------
// Broken values

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    IdCheckCharacter,
    IdImpossibleDate,
    IdFutureDate,
    PhoneTooShort,
    EmailWithoutAt,
    DobImpossible,
    DobFuture,
    NoIdentifier,
}

const POLICE_BREAKS: [Break; 5] = [
    Break::IdCheckCharacter,
    Break::IdImpossibleDate,
    Break::IdFutureDate,
    Break::PhoneTooShort,
    Break::NoIdentifier,
];
const COURIER_BREAKS: [Break; 2] = [Break::PhoneTooShort, Break::NoIdentifier];
const FORUM_BREAKS: [Break; 5] = [
    Break::EmailWithoutAt,
    Break::DobImpossible,
    Break::DobFuture,
    Break::PhoneTooShort,
    Break::NoIdentifier,
];
const SHOP_BREAKS: [Break; 3] = [
    Break::EmailWithoutAt,
    Break::PhoneTooShort,
    Break::NoIdentifier,
];

/// An ID number with a wrong check character, or whose birth date is impossible or in the future
/// (with a correct check character, so the date alone is wrong).
fn broken_national_id(rng: &mut ChaCha8Rng, id: &str, kind: Break) -> String {
    match kind {
        Break::IdCheckCharacter => {
            let right = id.as_bytes()[17];
            let wrong = loop {
                let c = *pick(rng, b"0123456789X");
                if c != right {
                    break c;
                }
            };
            format!("{}{}", &id[..17], char::from(wrong))
        }
        Break::IdImpossibleDate => {
            with_check_character(&format!("{}0230{}", &id[..10], &id[14..17]))
        }
        _ => with_check_character(&format!("{}2099{}", &id[..6], &id[10..17])),
    }
}

fn short_phone(rng: &mut ChaCha8Rng, phone: &str) -> String {
    if rng.random_bool(0.5) {
        "12345".to_owned()
    } else {
        phone[..5].to_owned()
    }
}

fn email_without_at(rng: &mut ChaCha8Rng, email: &str) -> String {
    let (local, domain) = email.rsplit_once('@').expect("generated emails have @");
    match rng.random_range(0..3) {
        0 => format!("{local}#{domain}"),
        1 => format!("{local} at {domain}"),
        _ => format!("{local}{domain}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Output

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Gb18030,
}

/// A dump file, written line by line (GB18030 is encoded line by line too).
struct Sink {
    out: BufWriter<File>,
    encoding: Encoding,
    last: String,
    /// In a SQL dump, the table its records are tuples of, and how many were written.
    insert: Option<(&'static str, usize)>,
}

/// Tuples of one `INSERT`: mysqldump starts a new statement at about a megabyte, on a new line.
const TUPLES_PER_INSERT: usize = 500;

/// The start of a mysqldump file, before its table's `CREATE TABLE`.
const MYSQLDUMP_HEAD: &str = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- SYNTHETIC DATA ONLY, written by `exposure demo`
-- ------------------------------------------------------

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;

--
-- Table structure for table `orders`
--

DROP TABLE IF EXISTS `orders`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `orders` (
  `order_id` varchar(16) NOT NULL,
  `customer_name` varchar(64) DEFAULT NULL,
  `email` varchar(128) DEFAULT NULL,
  `phone` varchar(32) DEFAULT NULL COMMENT 'as typed, (not normalized)',
  `shipping_address` varchar(255) DEFAULT NULL,
  `purchase_history` text,
  `total` varchar(16) DEFAULT NULL,
  PRIMARY KEY (`order_id`),
  KEY `idx_phone` (`phone`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `orders`
--

LOCK TABLES `orders` WRITE;
/*!40000 ALTER TABLE `orders` DISABLE KEYS */;
";

/// The end of a mysqldump file, after its last `INSERT`.
const MYSQLDUMP_TAIL: &str = "/*!40000 ALTER TABLE `orders` ENABLE KEYS */;
UNLOCK TABLES;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;

-- Dump completed
";

impl Sink {
    fn create(path: &Path, encoding: Encoding) -> io::Result<Sink> {
        Ok(Sink {
            out: BufWriter::with_capacity(1 << 16, File::create(path)?),
            encoding,
            last: String::new(),
            insert: None,
        })
    }

    /// From here on, records are tuples of `INSERT INTO table VALUES …` statements.
    fn inserts_into(&mut self, table: &'static str) {
        self.insert = Some((table, 0));
    }

    /// What comes before a record: in a SQL dump, a new `INSERT` or the comma between tuples.
    fn separator(&mut self) -> io::Result<()> {
        let Some((table, tuples)) = &mut self.insert else {
            return Ok(());
        };
        let separator = match *tuples {
            0 => format!("INSERT INTO `{table}` VALUES "),
            n if n % TUPLES_PER_INSERT == 0 => format!(";\nINSERT INTO `{table}` VALUES "),
            _ => ",".to_owned(),
        };
        *tuples += 1;
        self.raw(&separator)
    }

    /// Writes `text` as is (a record with its line ending, or a header, or a BOM).
    fn raw(&mut self, text: &str) -> io::Result<()> {
        match self.encoding {
            Encoding::Utf8 => self.out.write_all(text.as_bytes()),
            Encoding::Gb18030 => {
                let (bytes, _, _) = encoding_rs::GB18030.encode(text);
                self.out.write_all(&bytes)
            }
        }
    }

    fn record(&mut self, record: String) -> io::Result<()> {
        self.separator()?;
        self.raw(&record)?;
        self.last = record;
        Ok(())
    }

    /// The previous record once more: dumps are full of exact duplicates.
    fn repeat(&mut self) -> io::Result<()> {
        let last = std::mem::take(&mut self.last);
        self.separator()?;
        self.raw(&last)?;
        self.last = last;
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        if let Some((_, tuples)) = self.insert {
            if tuples > 0 {
                self.raw(";\n")?;
            }
            self.raw(MYSQLDUMP_TAIL)?;
        }
        self.out.flush()
    }
}

/// One CSV record, quoting fields that hold a comma, a quote or a line break (RFC 4180).
fn csv_record(fields: &[&str]) -> String {
    let mut out = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum::<usize>() + 8);
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
    out
}

/// One tuple of a MySQL `INSERT`, as mysqldump writes it: each value quoted with MySQL's
/// backslash escapes, an empty one as `NULL`.
fn sql_tuple(fields: &[&str]) -> String {
    let mut out = String::with_capacity(fields.iter().map(|f| f.len() + 3).sum::<usize>() + 2);
    out.push('(');
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.is_empty() {
            out.push_str("NULL");
            continue;
        }
        out.push('\'');
        for c in field.chars() {
            match c {
                '\'' => out.push_str("\\'"),
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out.push('\'');
    }
    out.push(')');
    out
}

/// One TSV record. The plan's TSV has no quoting, so values must hold no tab or line break.
/// The courier's column of phone numbers (0-based).
const COURIER_PHONE_COLUMN: u16 = 2;

/// Lays tab-separated rows out as the workbook a courier company exports: one sheet, no header,
/// a phone number that is plain digits stored as a number (as spreadsheets keep them, and as the
/// reader must read back as those digits), everything else as text.
fn write_workbook(rows: &Path, out: &Path) -> io::Result<()> {
    let text = fs::read_to_string(rows)?;
    let mut book = rust_xlsxwriter::Workbook::new();
    // A fixed creation time: the same options give the same bytes.
    let created =
        rust_xlsxwriter::ExcelDateTime::from_ymd(2021, 9, 15).map_err(io::Error::other)?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    sheet.set_name("运单").map_err(io::Error::other)?;
    for (row, line) in text.lines().enumerate() {
        for (column, field) in line.split('\t').enumerate() {
            let (row, column) = (row as u32, column as u16);
            let digits = !field.is_empty()
                && field.len() <= 15
                && !field.starts_with('0')
                && field.bytes().all(|b| b.is_ascii_digit());
            match field.parse::<f64>() {
                Ok(number) if digits && column == COURIER_PHONE_COLUMN => {
                    sheet.write_number(row, column, number)
                }
                _ if field.is_empty() => continue,
                _ => sheet.write_string(row, column, field),
            }
            .map_err(io::Error::other)?;
        }
    }
    book.save(out).map_err(io::Error::other)
}

fn tsv_record(fields: &[&str]) -> String {
    debug_assert!(fields.iter().all(|f| !f.contains(['\t', '\n', '\r'])));
    let mut out = fields.join("\t");
    out.push('\n');
    out
}

fn address(rng: &mut ChaCha8Rng, region: usize, separator: &str) -> String {
    let region = &REGIONS[region];
    let street = pick(rng, region.streets);
    let number = rng.random_range(1..300);
    let room = rng.random_range(1..=30) * 100 + rng.random_range(1..=6);
    match rng.random_range(0..3) {
        0 => format!(
            "{}{street}{number}号{separator}{}单元{room}",
            region.prefix,
            rng.random_range(1..=6)
        ),
        1 => format!(
            "{}{street}{number}号{separator}{}栋{room}室",
            region.prefix,
            rng.random_range(1..=20)
        ),
        _ => format!(
            "{}{street}{number}号院{separator}{}号楼{}单元{room}",
            region.prefix,
            rng.random_range(1..=12),
            rng.random_range(1..=4)
        ),
    }
}

fn random_date(rng: &mut ChaCha8Rng, first: Date, last: Date) -> Date {
    Date::from_julian_day(rng.random_range(first.to_julian_day()..=last.to_julian_day()))
        .expect("in range")
}

fn police_record(rng: &mut ChaCha8Rng) -> String {
    let day = random_date(rng, date!(2015 - 01 - 01), date!(2022 - 06 - 30));
    let amount = rng.random_range(2..500) * 100;
    let what = match rng.random_range(0..8) {
        0 => "报警称电动车被盗，已立案".to_owned(),
        1 => "因邻里噪音纠纷报警，民警现场调解".to_owned(),
        2 => format!("接报网络诈骗，涉案金额{amount}元，已受理"),
        3 => "办理居住证登记".to_owned(),
        4 => "交通事故，双方协商处理".to_owned(),
        5 => "反映有人冒充\"客服\"来电索要验证码，已劝阻".to_owned(),
        6 => "家庭纠纷，民警调解后双方和解".to_owned(),
        _ => format!("报失钱包一个，内有现金{}元", amount / 10),
    };
    format!("{day} {what}")
}

fn delivery_record(rng: &mut ChaCha8Rng) -> String {
    let carrier = match rng.random_range(0..6) {
        0 => format!("顺丰 SF{:010}", rng.random_range(0..10_000_000_000u64)),
        1 => format!("中通 75{:012}", rng.random_range(0..1_000_000_000_000u64)),
        2 => format!("圆通 YT{:013}", rng.random_range(0..10_000_000_000_000u64)),
        3 => format!("韵达 43{:011}", rng.random_range(0..100_000_000_000u64)),
        4 => format!("申通 77{:011}", rng.random_range(0..100_000_000_000u64)),
        _ => format!("京东 JD{:013}", rng.random_range(0..10_000_000_000_000u64)),
    };
    let status = *pick(
        rng,
        &[
            "已签收",
            "已签收",
            "已签收",
            "派送中",
            "运输中",
            "已揽收",
            "已退回",
        ],
    );
    format!("{carrier} {status}")
}

const PRODUCTS: [(&str, u32); 12] = [
    ("蓝牙耳机", 19900),
    ("手机壳", 3900),
    ("数据线", 2500),
    ("保温杯", 8900),
    ("运动鞋", 39900),
    ("T恤", 7900),
    ("充电宝", 12900),
    ("洗发水", 4590),
    ("笔记本", 1200),
    ("电饭煲", 29900),
    ("茶叶礼盒", 26800),
    ("儿童绘本", 5600),
];

/// A purchase history and its total, in yuan: commas inside, sometimes one item a line.
fn purchases(rng: &mut ChaCha8Rng) -> (String, String) {
    let separator = if rng.random_bool(0.3) { "\n" } else { ", " };
    let mut total = 0;
    let mut items = Vec::new();
    for _ in 0..rng.random_range(1..=4) {
        let (product, price) = *pick(rng, &PRODUCTS);
        let count = rng.random_range(1..=3);
        total += price * count;
        items.push(format!(
            "{product} x{count} (¥{}.{:02})",
            price / 100,
            price % 100
        ));
    }
    let yuan = total / 100;
    let total = if yuan >= 1000 {
        format!("¥{},{:03}.{:02}", yuan / 1000, yuan % 1000, total % 100)
    } else {
        format!("¥{yuan}.{:02}", total % 100)
    };
    (items.join(separator), total)
}

fn ip_address(rng: &mut ChaCha8Rng) -> String {
    // Documentation ranges only (RFC 5737, RFC 3849).
    match rng.random_range(0..10) {
        0 => format!("2001:db8::{:x}", rng.random_range(1..0xffffu32)),
        1..=3 => format!("192.0.2.{}", rng.random_range(1..255)),
        4..=6 => format!("198.51.100.{}", rng.random_range(1..255)),
        _ => format!("203.0.113.{}", rng.random_range(1..255)),
    }
}

fn fake_md5(rng: &mut ChaCha8Rng) -> String {
    format!("{:016x}{:016x}", rng.random::<u64>(), rng.random::<u64>())
}

/// Writes the rows of one breach, keeping track of which people it really exposes.
struct RowGen<'a> {
    rng: &'a mut ChaCha8Rng,
    people: &'a mut [Synth],
    breach: usize,
    serial: u64,
}

/// One rendered record, and whether it holds at least one valid identifier of its person.
struct Row {
    text: String,
    usable: bool,
}

impl RowGen<'_> {
    fn write(&mut self, sink: &mut Sink, rows: usize) -> io::Result<()> {
        match self.breach {
            POLICE => sink.raw(&csv_record(&[
                "姓名",
                "性别",
                "身份证号",
                "手机号",
                "住址",
                "警情摘要",
            ]))?,
            SHOP => {
                sink.raw(MYSQLDUMP_HEAD)?;
                sink.inserts_into("orders");
            }
            _ => {}
        }
        let showcase_at = self.rng.random_range(0..=rows);
        for i in 0..=rows {
            if i == showcase_at && self.breach != SHOP {
                let row = self.showcase_row();
                self.record(sink, 0, row)?;
            }
            if i == rows {
                break;
            }
            if i > 0 && self.rng.random_bool(DUPLICATE_RATE) {
                sink.repeat()?;
                continue;
            }
            if self.breach == FORUM && self.rng.random_bool(EMPTY_LINE_RATE) {
                sink.raw("\n")?;
            }
            // Everyone but the two fixed people.
            let who = self.rng.random_range(2..self.people.len());
            let broken = if self.rng.random_bool(BROKEN_RATE) {
                Some(*pick(
                    self.rng,
                    match self.breach {
                        POLICE => &POLICE_BREAKS[..],
                        COURIER => &COURIER_BREAKS[..],
                        FORUM => &FORUM_BREAKS[..],
                        _ => &SHOP_BREAKS[..],
                    },
                ))
            } else {
                None
            };
            let row = match self.breach {
                POLICE => self.police_row(who, broken),
                COURIER => self.courier_row(who, broken),
                FORUM => self.forum_row(who, broken),
                _ => self.shop_row(who, broken),
            };
            self.record(sink, who, row)?;
        }
        Ok(())
    }

    fn record(&mut self, sink: &mut Sink, who: usize, row: Row) -> io::Result<()> {
        if row.usable {
            self.people[who].breaches |= 1 << self.breach;
        }
        sink.record(row.text)
    }

    /// 张伟 as each breach holds him: a legacy ID and a spaced name at the police, an
    /// international phone number at the courier, an upper-cased email at the forum.
    fn showcase_row(&mut self) -> Row {
        self.serial += 1;
        let p = &self.people[0].person;
        let text = match self.breach {
            POLICE => csv_record(&[
                "张 伟",
                "男",
                &legacy_id(&p.national_id),
                "138 0013 8000",
                "北京市朝阳区建国路88号3单元502",
                "2021-11-02 报警称电动车被盗，已立案",
            ]),
            COURIER => tsv_record(&[
                "2021081512345678",
                "张伟",
                "+86 138-0013-8000",
                "北京市朝阳区建国路88号3单元502",
                "顺丰 SF1234567890 已签收",
            ]),
            _ => {
                let mut object = Map::new();
                object.insert("uid".into(), Value::from(10_000 + self.serial));
                object.insert(
                    "user".into(),
                    serde_json::json!({ "login": "zhangwei85", "email": "ZHANG.WEI@EXAMPLE.CN" }),
                );
                object.insert(
                    "profile".into(),
                    serde_json::json!({
                        "real_name": "张伟",
                        "birthday": "1985年3月7日",
                        "gender": "m",
                        "mobile": null,
                    }),
                );
                object.insert(
                    "security".into(),
                    serde_json::json!({ "password_md5": fake_md5(self.rng) }),
                );
                object.insert("last_ip".into(), Value::from("203.0.113.7"));
                json_line(&object)
            }
        };
        Row { text, usable: true }
    }

    fn police_row(&mut self, who: usize, broken: Option<Break>) -> Row {
        let rng = &mut *self.rng;
        let synth = &self.people[who];
        let p = &synth.person;
        let name = messy_name(rng, synth);
        let (id, id_valid) = match broken {
            Some(Break::NoIdentifier) => (String::new(), false),
            Some(
                kind @ (Break::IdCheckCharacter | Break::IdImpossibleDate | Break::IdFutureDate),
            ) => (broken_national_id(rng, &p.national_id, kind), false),
            _ => (messy_national_id(rng, &p.national_id, p.dob), true),
        };
        let (phone, phone_valid) = match broken {
            Some(Break::NoIdentifier) => (String::new(), false),
            Some(Break::PhoneTooShort) => (short_phone(rng, &p.phone), false),
            _ if rng.random_bool(0.15) => (String::new(), false),
            _ => (messy_phone(rng, &p.phone), true),
        };
        let address = address(rng, synth.region, "");
        let record = police_record(rng);
        Row {
            text: csv_record(&[
                &name,
                if synth.male { "男" } else { "女" },
                &id,
                &phone,
                &address,
                &record,
            ]),
            usable: id_valid || phone_valid,
        }
    }

    fn courier_row(&mut self, who: usize, broken: Option<Break>) -> Row {
        let rng = &mut *self.rng;
        let synth = &self.people[who];
        let name = messy_name(rng, synth);
        let (phone, usable) = match broken {
            Some(Break::NoIdentifier) => (String::new(), false),
            Some(_) => (short_phone(rng, &synth.person.phone), false),
            None => (messy_phone(rng, &synth.person.phone), true),
        };
        let order = format!(
            "2021{:02}{:02}{:08}",
            rng.random_range(1..=9),
            rng.random_range(1..=28),
            rng.random_range(0..100_000_000)
        );
        let address = address(rng, synth.region, " ");
        let delivery = delivery_record(rng);
        Row {
            text: tsv_record(&[&order, &name, &phone, &address, &delivery]),
            usable,
        }
    }

    fn forum_row(&mut self, who: usize, broken: Option<Break>) -> Row {
        self.serial += 1;
        let rng = &mut *self.rng;
        let synth = &self.people[who];
        let (user, login_usable) = forum_user(rng, &synth.person, broken);
        let (profile, mobile_usable) = forum_profile(rng, synth, broken);
        let mut object = Map::new();
        object.insert("uid".into(), Value::from(10_000 + self.serial));
        object.insert("user".into(), Value::Object(user));
        object.insert("profile".into(), Value::Object(profile));
        let mut security = Map::new();
        let md5 = Value::from(fake_md5(rng));
        put_maybe(rng, &mut security, "password_md5", md5);
        object.insert("security".into(), Value::Object(security));
        let ip = Value::from(ip_address(rng));
        put_maybe(rng, &mut object, "last_ip", ip);
        Row {
            text: json_line(&object),
            usable: login_usable || mobile_usable,
        }
    }

    fn shop_row(&mut self, who: usize, broken: Option<Break>) -> Row {
        let rng = &mut *self.rng;
        let synth = &self.people[who];
        let p = &synth.person;
        let mut usable = false;
        let name = messy_name(rng, synth);
        let email = match broken {
            Some(Break::NoIdentifier) => String::new(),
            Some(Break::EmailWithoutAt) => email_without_at(rng, &p.email),
            _ if rng.random_bool(0.1) => String::new(),
            _ => {
                usable = true;
                messy_email(rng, &p.email)
            }
        };
        let phone = match broken {
            Some(Break::NoIdentifier) => String::new(),
            Some(Break::PhoneTooShort) => short_phone(rng, &p.phone),
            _ if rng.random_bool(0.2) => String::new(),
            _ => {
                usable = true;
                messy_phone(rng, &p.phone)
            }
        };
        let separator = *pick(rng, &["", "\n", ", ", "\r\n"]);
        let address = address(rng, synth.region, separator);
        let (history, total) = purchases(rng);
        let order = format!("SO2019{:08}", rng.random_range(0..100_000_000));
        Row {
            text: sql_tuple(&[&order, &name, &email, &phone, &address, &history, &total]),
            usable,
        }
    }
}

/// A forum row's account: login and email, both null for a deleted account; whether the login
/// is there to make a key.
fn forum_user(
    rng: &mut ChaCha8Rng,
    p: &DemoPerson,
    broken: Option<Break>,
) -> (Map<String, Value>, bool) {
    let mut user = Map::new();
    if broken == Some(Break::NoIdentifier) {
        // A deleted account.
        user.insert("login".into(), Value::Null);
        user.insert("email".into(), Value::Null);
        return (user, false);
    }
    let login = match rng.random_range(0..5) {
        0 => p.username.to_uppercase(),
        1 => capitalized(&p.username),
        _ => p.username.clone(),
    };
    user.insert("login".into(), Value::from(login));
    if broken == Some(Break::EmailWithoutAt) {
        user.insert("email".into(), Value::from(email_without_at(rng, &p.email)));
    } else if rng.random_bool(0.9) {
        let email = if rng.random_bool(0.1) {
            p.email.to_uppercase()
        } else {
            messy_email(rng, &p.email)
        };
        user.insert("email".into(), Value::from(email));
    } else {
        user.insert("email".into(), Value::Null);
    }
    (user, true)
}

/// A forum row's profile: name, birthday, gender and mobile, each possibly null or missing;
/// whether a valid mobile number is there to make a key.
fn forum_profile(
    rng: &mut ChaCha8Rng,
    synth: &Synth,
    broken: Option<Break>,
) -> (Map<String, Value>, bool) {
    let p = &synth.person;
    let mut profile = Map::new();
    let real_name = Value::from(messy_name(rng, synth));
    put_maybe(rng, &mut profile, "real_name", real_name);
    let (year, month, day) = (p.dob.year(), u8::from(p.dob.month()), p.dob.day());
    let birthday = match broken {
        Some(Break::NoIdentifier) => None,
        Some(Break::DobImpossible) => Some(messy_date(rng, year, 2, 30)),
        Some(Break::DobFuture) => Some(messy_date(rng, 2099, month, day)),
        _ => Some(messy_dob(rng, p.dob)),
    };
    if let Some(birthday) = birthday {
        put_maybe(rng, &mut profile, "birthday", Value::from(birthday));
    }
    put_maybe(
        rng,
        &mut profile,
        "gender",
        Value::from(if synth.male { "m" } else { "f" }),
    );
    let mut usable = false;
    match broken {
        Some(Break::NoIdentifier) => {}
        Some(Break::PhoneTooShort) => {
            profile.insert("mobile".into(), Value::from(short_phone(rng, &p.phone)));
        }
        _ if rng.random_bool(0.5) => {
            usable = true;
            profile.insert("mobile".into(), Value::from(messy_phone(rng, &p.phone)));
        }
        _ => put_maybe(rng, &mut profile, "mobile", Value::from("")),
    }
    (profile, usable)
}

/// Present, null, or missing altogether.
fn put_maybe(rng: &mut ChaCha8Rng, map: &mut Map<String, Value>, key: &str, value: Value) {
    match rng.random_range(0..10) {
        0 => {}
        1 => {
            map.insert(key.to_owned(), Value::Null);
        }
        _ => {
            map.insert(key.to_owned(), value);
        }
    }
}

fn json_line(object: &Map<String, Value>) -> String {
    let mut line = serde_json::to_string(object).expect("a JSON map always serializes");
    line.push('\n');
    line
}

// ---------------------------------------------------------------------------------------------
// The plan

fn plan_toml(options: &DemoOptions) -> String {
    let mut plan = format!(
        r#"# Exposure demo plan (DESIGN.md §5). SYNTHETIC DATA ONLY: every name, number and address in
# these files was made up by a random generator (`exposure demo`, seed {seed}, {rows} rows) and
# belongs to no real person. Emails use reserved example domains; IP addresses are documentation
# ranges.
# 演示构建计划。全部为合成数据：文件中的姓名、号码和地址均由随机程序生成，不属于任何真实个人。

[pack]
id = "exposure-demo"
title.en = "Exposure demo pack (synthetic data)"
title."zh-CN" = "Exposure 演示数据包（合成数据）"
curator = "Exposure demo (synthetic data)"
default_region = "CN"
"#,
        seed = options.seed,
        rows = options.rows,
    );
    for (breach, template) in BREACH_PLANS.iter().enumerate() {
        plan.push_str(
            &template
                .replace("{id}", BREACH_IDS[breach])
                .replace("{file}", FILE_NAMES[breach]),
        );
    }
    plan
}

/// Each breach of the demo plan with its source, in breach order; `{id}` and `{file}` stand for
/// its id and file name.
const BREACH_PLANS: [&str; 4] = [
    r#"
[[breach]]
id = "{id}"
title.en = "Demo: police database (synthetic)"
title."zh-CN" = "演示：警方数据库（合成数据）"
description.en = "Synthetic demo data, not a real leak: made-up police incident records with names, genders, national ID numbers, phone numbers and home addresses."
description."zh-CN" = "合成演示数据，并非真实泄露：虚构的警情记录，含姓名、性别、身份证号、手机号和住址。"
date = "2022-07-01"

[[breach.source]]
path = "{file}"
format = "csv"
encoding = "gb18030"
header = true

[breach.source.columns]
"姓名" = "name"
"性别" = "gender"
"身份证号" = "national_id_cn"
"手机号" = "phone"
"住址" = "address"
"警情摘要" = "police_record"
"#,
    r#"
[[breach]]
id = "{id}"
title.en = "Demo: courier delivery records (synthetic)"
title."zh-CN" = "演示：快递收件记录（合成数据）"
description.en = "Synthetic demo data, not a real leak: made-up parcel deliveries with receivers' names, phone numbers and addresses."
description."zh-CN" = "合成演示数据，并非真实泄露：虚构的快递记录，含收件人姓名、手机号和收货地址。"
date = "2021-09-15"

[[breach.source]]
path = "{file}"
format = "xlsx"
header = false

[breach.source.columns]
"1" = "ignore"
"2" = "name"
"3" = "phone"
"4" = "address"
"5" = "delivery_record"
"#,
    r#"
[[breach]]
id = "{id}"
title.en = "Demo: web forum accounts (synthetic)"
title."zh-CN" = "演示：网络论坛账号（合成数据）"
description.en = "Synthetic demo data, not a real leak: made-up forum accounts with usernames, email addresses, real names, dates of birth, phone numbers, password hashes and IP addresses."
description."zh-CN" = "合成演示数据，并非真实泄露：虚构的论坛账号，含用户名、电子邮箱、真实姓名、出生日期、手机号、密码哈希和 IP 地址。"
date = "2020-04-20"

[[breach.source]]
path = "{file}"
format = "jsonl"
encoding = "utf-8"

[breach.source.columns]
"uid" = "ignore"
"user.login" = "username"
"user.email" = "email"
"profile.real_name" = "name"
"profile.birthday" = "dob"
"profile.gender" = "gender"
"profile.mobile" = "phone"
"security.password_md5" = "password"
"last_ip" = "ip_address"
"#,
    r#"
[[breach]]
id = "{id}"
title.en = "Demo: online shop orders (synthetic)"
title."zh-CN" = "演示：网店订单（合成数据）"
description.en = "Synthetic demo data, not a real leak: made-up shop orders with customers' names, email addresses, phone numbers, shipping addresses and purchase histories."
description."zh-CN" = "合成演示数据，并非真实泄露：虚构的网店订单，含顾客姓名、电子邮箱、手机号、收货地址和购买记录。"
date = "2019-11-11"

[[breach.source]]
path = "{file}"
format = "sql"
encoding = "utf-8"
table = "orders"

[breach.source.columns]
"order_id" = "ignore"
"customer_name" = "name"
"email" = "email"
"phone" = "phone"
"shipping_address" = "address"
"purchase_history" = "data:purchase_history"
"total" = "ignore"
"#,
];

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::time::Instant;

    use super::*;

    /// The cells of the courier workbook's sheet, row by row.
    fn courier_cells(path: &Path) -> Vec<Vec<calamine::Data>> {
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(path).unwrap();
        let range = book.worksheet_range("运单").unwrap();
        range.rows().map(<[calamine::Data]>::to_vec).collect()
    }

    /// The courier workbook's rows as the text each cell shows.
    fn courier_rows(path: &Path) -> Vec<Vec<String>> {
        courier_cells(path)
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        calamine::Data::Float(number) => format!("{}", *number as i64),
                        calamine::Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect()
    }
    use exposure_core::identifier::{Kind, Normalizer, Region, national_id_birth_date};

    fn dump(options: &DemoOptions) -> (tempfile::TempDir, DemoDump) {
        let dir = tempfile::tempdir().unwrap();
        let dump = write_dump(dir.path(), options).unwrap();
        (dir, dump)
    }

    fn bytes_of(dump: &DemoDump) -> Vec<Vec<u8>> {
        std::iter::once(&dump.plan)
            .chain(&dump.files)
            .map(|path| fs::read(path).unwrap())
            .collect()
    }

    fn normalizer() -> Normalizer {
        Normalizer::new(Region::CN)
    }

    #[test]
    fn demo_same_options_give_identical_bytes() {
        let options = DemoOptions::default();
        let (_a, first) = dump(&options);
        let (_b, second) = dump(&options);
        assert_eq!(bytes_of(&first), bytes_of(&second));
        assert_eq!(first.people, second.people);

        let (_c, other) = dump(&DemoOptions {
            seed: options.seed + 1,
            ..options
        });
        let (first, other) = (bytes_of(&first), bytes_of(&other));
        for (i, (a, b)) in first.iter().zip(&other).enumerate().skip(1) {
            assert_ne!(a, b, "file {i} does not depend on the seed");
        }
    }

    #[test]
    fn demo_files_decode_in_their_declared_encodings() {
        let (_dir, dump) = dump(&DemoOptions::default());
        let police = fs::read(&dump.files[POLICE]).unwrap();
        assert!(
            std::str::from_utf8(&police).is_err(),
            "the police file must really be GB18030, not UTF-8"
        );
        let text = encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(&police)
            .expect("valid GB18030");
        assert!(text.starts_with("姓名,性别,身份证号,手机号,住址,警情摘要\r\n"));
        assert!(text.contains("张 伟"));

        let courier = fs::read(&dump.files[COURIER]).unwrap();
        assert!(
            courier.starts_with(b"PK\x03\x04"),
            "the courier file is a workbook"
        );

        for breach in [FORUM, SHOP] {
            let bytes = fs::read(&dump.files[breach]).unwrap();
            assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM in {breach}");
            std::str::from_utf8(&bytes).expect("valid UTF-8");
        }
    }

    #[test]
    fn demo_plan_parses_and_names_every_file() {
        let (dir, dump) = dump(&DemoOptions::default());
        assert_eq!(dump.plan, dir.path().join("plan.toml"));
        let plan: toml::Table = fs::read_to_string(&dump.plan).unwrap().parse().unwrap();
        let pack = plan["pack"].as_table().unwrap();
        assert_eq!(pack["id"].as_str(), Some("exposure-demo"));
        assert_eq!(pack["default_region"].as_str(), Some("CN"));
        assert_eq!(
            pack["curator"].as_str(),
            Some("Exposure demo (synthetic data)")
        );
        assert!(pack["title"]["en"].as_str().unwrap().contains("synthetic"));
        assert!(pack["title"]["zh-CN"].as_str().unwrap().contains("合成"));

        let breaches = plan["breach"].as_array().unwrap();
        assert_eq!(breaches.len(), 4);
        let mut named = Vec::new();
        for (breach, id) in breaches.iter().zip(BREACH_IDS) {
            assert_eq!(breach["id"].as_str(), Some(id));
            assert!(
                breach["description"]["en"]
                    .as_str()
                    .unwrap()
                    .contains("Synthetic")
            );
            assert!(
                breach["description"]["zh-CN"]
                    .as_str()
                    .unwrap()
                    .contains("合成")
            );
            let date = breach["date"].as_str().unwrap();
            exposure_core::identifier::parse_date(date).unwrap();
            for source in breach["source"].as_array().unwrap() {
                let path = source["path"].as_str().unwrap();
                assert!(dir.path().join(path).is_file(), "{path}");
                named.push(dir.path().join(path));
                let columns = source["columns"].as_table().unwrap();
                for field in columns.values() {
                    let field = field.as_str().unwrap();
                    let known = [
                        "email",
                        "phone",
                        "national_id_cn",
                        "username",
                        "name",
                        "dob",
                        "address",
                        "gender",
                        "password",
                        "ip_address",
                        "police_record",
                        "delivery_record",
                        "ignore",
                    ];
                    assert!(
                        known.contains(&field)
                            || field
                                .strip_prefix("data:")
                                .is_some_and(exposure_core::classes::is_class_id),
                        "{field}"
                    );
                }
            }
        }
        assert_eq!(named, dump.files);
    }

    #[test]
    fn demo_people_identifiers_normalize() {
        let (_dir, dump) = dump(&DemoOptions::default());
        let norm = normalizer();
        assert_eq!(dump.people[0], showcase_person());
        assert_eq!(dump.people[1], absent_person());
        for p in &dump.people {
            for (kind, value) in [
                (Kind::Phone, &p.phone),
                (Kind::Email, &p.email),
                (Kind::Username, &p.username),
            ] {
                norm.normalize(kind, value)
                    .unwrap_or_else(|e| panic!("{kind} {value}: {e:?}"));
            }
            assert_eq!(p.phone.len(), 11);
            assert!(p.phone.bytes().all(|b| b.is_ascii_digit()));
            let id = norm.normalize(Kind::NationalId, &p.national_id).unwrap();
            assert_eq!(id.expose(), p.national_id);
            assert_eq!(
                national_id_birth_date(&id),
                Some(p.dob),
                "{}",
                p.national_id
            );
            let name_dob = norm
                .name_dob(&p.name, &p.dob.to_string())
                .unwrap_or_else(|e| panic!("{}: {e:?}", p.name));
            assert!(!name_dob.expose().contains(['•', '・', '．', '‧']));
            assert_eq!(p.username, p.username.to_lowercase());
        }
        assert!(dump.people.iter().any(|p| p.name.contains('·')));
        assert!(dump.people.iter().any(|p| p.name.is_ascii()));
        assert!(dump.people.iter().any(|p| p.email.ends_with("@例子.中国")));
    }

    #[test]
    fn demo_fixed_people() {
        let showcase = showcase_person();
        assert_eq!(showcase.national_id.len(), 18);
        assert!(showcase.national_id.starts_with("11010519850307123"));
        assert_eq!(
            showcase.breaches,
            ["demo-police-2022", "demo-courier-2021", "demo-forum-2020"]
        );
        let norm = normalizer();
        for person in [showcase, absent_person()] {
            let id = norm
                .normalize(Kind::NationalId, &person.national_id)
                .unwrap();
            assert_eq!(national_id_birth_date(&id), Some(person.dob));
        }
        assert!(absent_person().breaches.is_empty());
    }

    #[test]
    fn demo_phone_formats_normalize_to_one_number() {
        let norm = normalizer();
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..400 {
            let messy = messy_phone(&mut rng, "13800138000");
            let normalized = norm
                .normalize(Kind::Phone, &messy)
                .unwrap_or_else(|e| panic!("{messy}: {e:?}"));
            assert_eq!(normalized.expose(), "+8613800138000", "{messy}");
            seen.insert(messy);
        }
        assert_eq!(seen.len(), 10, "{seen:?}");
    }

    #[test]
    fn demo_short_phones_are_rejected() {
        let norm = normalizer();
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..100 {
            let short = short_phone(&mut rng, "13800138000");
            assert!(is_deliberately_short(&short));
            assert!(norm.normalize(Kind::Phone, &short).is_err(), "{short}");
        }
    }

    /// Everything a row holds that can make a key, as the builder reads it (DESIGN.md §2, §5).
    #[derive(Default)]
    struct Fields<'a> {
        name: Option<&'a str>,
        dob: Option<&'a str>,
        phone: Option<&'a str>,
        national_id: Option<&'a str>,
        email: Option<&'a str>,
        username: Option<&'a str>,
    }

    /// Reads the dump back the way the builder does and checks that `DemoPerson::breaches` tells
    /// the truth: a person is listed in a breach exactly when a valid identifier of theirs is in
    /// its rows, and every valid identifier in a row belongs to that row's one person.
    struct Readback {
        norm: Normalizer,
        index: HashMap<(Kind, String), usize>,
        found: Vec<u8>,
        rows: [usize; 4],
        broken: usize,
        appearances: HashMap<(usize, usize), usize>,
    }

    impl Readback {
        fn new(people: &[DemoPerson]) -> Readback {
            let norm = normalizer();
            let mut index = HashMap::new();
            for (i, p) in people.iter().enumerate() {
                let keys = [
                    norm.normalize(Kind::Phone, &p.phone),
                    norm.normalize(Kind::NationalId, &p.national_id),
                    norm.normalize(Kind::Email, &p.email),
                    norm.normalize(Kind::Username, &p.username),
                    norm.name_dob(&p.name, &p.dob.to_string()),
                ];
                for key in keys {
                    let key = key.unwrap();
                    let previous = index.insert((key.kind(), key.expose().to_owned()), i);
                    assert!(previous.is_none(), "two people share a {}", key.kind());
                }
            }
            Readback {
                norm,
                index,
                found: vec![0; people.len()],
                rows: [0; 4],
                broken: 0,
                appearances: HashMap::new(),
            }
        }

        fn row(&mut self, breach: usize, fields: Fields<'_>) {
            fn present(v: Option<&str>) -> Option<&str> {
                v.filter(|v| !v.trim().is_empty())
            }
            let mut invalid = 0;
            let mut keys = Vec::new();
            for (kind, value) in [
                (Kind::Phone, fields.phone),
                (Kind::Email, fields.email),
                (Kind::Username, fields.username),
            ] {
                if let Some(value) = present(value) {
                    match self.norm.normalize(kind, value) {
                        // The placeholder phone normalizer does not yet refuse numbers that
                        // are not possible (DESIGN.md §2): count the deliberately short ones
                        // as the invalid values they are.
                        Ok(_) if kind == Kind::Phone && is_deliberately_short(value) => {
                            invalid += 1
                        }
                        Ok(key) => keys.push(key),
                        Err(_) => invalid += 1,
                    }
                }
            }
            let name = present(fields.name);
            if let Some(id) = present(fields.national_id) {
                match self.norm.normalize(Kind::NationalId, id) {
                    Ok(key) => {
                        let born = national_id_birth_date(&key).unwrap();
                        keys.extend(name.and_then(|n| self.norm.name_with_birth_date(n, born)));
                        keys.push(key);
                    }
                    Err(_) => invalid += 1,
                }
            }
            if let Some(dob) = present(fields.dob) {
                match self.norm.date_of_birth(dob) {
                    Ok(born) => {
                        keys.extend(name.and_then(|n| self.norm.name_with_birth_date(n, born)));
                    }
                    Err(_) => invalid += 1,
                }
            }
            self.rows[breach] += 1;
            if invalid > 0 || keys.is_empty() {
                self.broken += 1;
            }
            let mut who = None;
            for key in keys {
                let person = *self
                    .index
                    .get(&(key.kind(), key.expose().to_owned()))
                    .unwrap_or_else(|| panic!("a {} in {breach} matches nobody", key.kind()));
                assert!(
                    who.is_none_or(|w| w == person),
                    "one row of {breach} mixes two people"
                );
                who = Some(person);
            }
            if let Some(person) = who {
                self.found[person] |= 1 << breach;
                *self.appearances.entry((person, breach)).or_default() += 1;
            }
        }
    }

    /// The too-short phone numbers the generator writes into broken rows.
    fn is_deliberately_short(phone: &str) -> bool {
        phone.len() == 5 && phone.bytes().all(|b| b.is_ascii_digit())
    }

    fn read_back(dump: &DemoDump) -> Readback {
        let mut readback = Readback::new(&dump.people);

        let police = fs::read(&dump.files[POLICE]).unwrap();
        let police = encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(&police)
            .unwrap();
        let mut reader = csv::Reader::from_reader(police.as_bytes());
        for record in reader.records() {
            let r = record.unwrap();
            assert_eq!(r.len(), 6);
            readback.row(
                POLICE,
                Fields {
                    name: r.get(0),
                    national_id: r.get(2),
                    phone: r.get(3),
                    ..Fields::default()
                },
            );
        }

        for r in courier_rows(&dump.files[COURIER]) {
            assert_eq!(r.len(), 5, "{r:?}");
            readback.row(
                COURIER,
                Fields {
                    name: Some(&r[1]),
                    phone: Some(&r[2]),
                    ..Fields::default()
                },
            );
        }

        let forum = fs::read_to_string(&dump.files[FORUM]).unwrap();
        for line in forum.lines().filter(|line| !line.is_empty()) {
            let v: Value = serde_json::from_str(line).unwrap();
            let get = |path: &str| v.pointer(path).and_then(Value::as_str);
            readback.row(
                FORUM,
                Fields {
                    name: get("/profile/real_name"),
                    dob: get("/profile/birthday"),
                    phone: get("/profile/mobile"),
                    email: get("/user/email"),
                    username: get("/user/login"),
                    ..Fields::default()
                },
            );
        }

        for r in shop_rows(&dump.files[SHOP]) {
            readback.row(
                SHOP,
                Fields {
                    name: r[0].as_deref(),
                    email: r[1].as_deref(),
                    phone: r[2].as_deref(),
                    ..Fields::default()
                },
            );
        }
        readback
    }

    /// The shop dump's customer name, email, phone and address of each row, as the builder's SQL
    /// reader reads them.
    fn shop_rows(path: &Path) -> Vec<[Option<String>; 4]> {
        use exposure_build::dump::{Row, SourceReader};
        use exposure_build::source::{Column, Field, Format, Source};
        let columns = ["customer_name", "email", "phone", "shipping_address"];
        let source = Source {
            path: path.to_owned(),
            format: Format::Sql,
            compression: exposure_build::source::Compression::None,
            encoding: exposure_build::source::Encoding::Utf8,
            encoding_detected: None,
            header: false,
            columns: columns
                .iter()
                .map(|name| (Column::Name((*name).to_owned()), Field::Ignore))
                .collect(),
            header_width: None,
            table: Some("orders".to_owned()),
            delimiter: None,
            sheet: None,
        };
        let mut reader = SourceReader::open(&source).unwrap();
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            let Row::Record(record) = row else {
                panic!("a bad row in the shop dump: {row:?}");
            };
            let mut fields: [Option<String>; 4] = Default::default();
            for value in &record.values {
                fields[value.column] = Some(value.text.to_string());
            }
            rows.push(fields);
        }
        rows
    }

    #[test]
    fn demo_breaches_tell_the_truth() {
        let options = DemoOptions::default();
        let (_dir, dump) = dump(&options);
        let readback = read_back(&dump);
        for (p, found) in dump.people.iter().zip(&readback.found) {
            let expected: Vec<&str> = BREACH_IDS
                .iter()
                .enumerate()
                .filter(|(i, _)| found & (1 << i) != 0)
                .map(|(_, id)| *id)
                .collect();
            assert_eq!(p.breaches, expected, "{}", p.name);
        }
        assert_eq!(dump.people[0].breaches, showcase_person().breaches);
        assert!(dump.people[1].breaches.is_empty());

        // Roughly `rows` rows, about 3% of them broken.
        let total: usize = readback.rows.iter().sum();
        assert!(
            (options.rows..=options.rows + 3).contains(&total),
            "{total}"
        );
        for (rows, share) in readback.rows.iter().zip(SHARES) {
            assert!(rows.abs_diff(options.rows * share / 100) <= 2, "{rows}");
        }
        let broken = readback.broken as f64 / total as f64;
        assert!((0.015..=0.05).contains(&broken), "{broken}");

        // Overlap between breaches, repeats within one, and people in none.
        let listed = dump
            .people
            .iter()
            .filter(|p| !p.breaches.is_empty())
            .count();
        let several = dump.people.iter().filter(|p| p.breaches.len() >= 2).count();
        let nowhere = dump.people.len() - listed;
        assert!(several * 4 >= listed, "{several} of {listed}");
        assert!(nowhere >= 20, "{nowhere}");
        for breach in 0..4 {
            assert!(
                readback
                    .appearances
                    .iter()
                    .any(|(&(_, b), &n)| b == breach && n >= 2)
            );
        }
    }

    #[test]
    fn demo_rows_hold_the_messy_shapes() {
        let (_dir, dump) = dump(&DemoOptions::default());
        let police = fs::read(&dump.files[POLICE]).unwrap();
        let police = encoding_rs::GB18030.decode(&police).0;
        let mut reader = csv::Reader::from_reader(police.as_bytes());
        let ids: Vec<String> = reader.records().map(|r| r.unwrap()[2].to_owned()).collect();
        let legacy = ids.iter().filter(|id| id.len() == 15).count();
        assert!(legacy * 100 >= ids.len() * 5, "{legacy} of {}", ids.len());
        assert!(ids.iter().any(|id| id.ends_with('x')));
        assert!(ids.iter().any(|id| id.contains(' ')));
        assert!(ids.contains(&legacy_id(&showcase_person().national_id)));
        assert!(police.contains("１"), "full-width digits");
        assert!(police.contains("(+86)"));

        let courier = courier_rows(&dump.files[COURIER]);
        assert!(
            courier
                .iter()
                .any(|r| r[1] == "张伟" && r[2] == "+86 138-0013-8000")
        );
        // Phone numbers that are plain digits are stored as numbers, as spreadsheets keep them.
        assert!(
            courier_cells(&dump.files[COURIER])
                .iter()
                .any(|r| matches!(r[2], calamine::Data::Float(_)))
        );
        let forum = fs::read_to_string(&dump.files[FORUM]).unwrap();
        assert!(forum.contains("\"ZHANG.WEI@EXAMPLE.CN\""));
        assert!(forum.contains("null"));
        assert!(forum.contains("年"));
        assert!(forum.contains("\n\n"), "an empty line");
        let shop = fs::read_to_string(&dump.files[SHOP]).unwrap();
        assert!(
            !shop.contains("13800138000") && !shop.to_lowercase().contains("zhang.wei@example.cn")
        );
        assert!(shop.contains("例子.中国"));
        assert!(shop.contains("CREATE TABLE `orders`") && shop.contains("),('SO2019"));
        let addresses: Vec<String> = shop_rows(&dump.files[SHOP])
            .into_iter()
            .filter_map(|[.., address]| address)
            .collect();
        assert!(addresses.iter().any(|a| a.contains('\n')));
        assert!(addresses.iter().any(|a| a.contains(',')));
    }

    #[test]
    fn demo_absent_person_is_nowhere() {
        let (_dir, dump) = dump(&DemoOptions::default());
        let absent = absent_person();
        let police = fs::read(&dump.files[POLICE]).unwrap();
        let mut all = encoding_rs::GB18030.decode(&police).0.into_owned();
        for row in courier_rows(&dump.files[COURIER]) {
            all.push_str(&row.join("\t"));
        }
        for path in &dump.files[COURIER + 1..] {
            all.push_str(&fs::read_to_string(path).unwrap());
        }
        let id = absent.national_id.as_str();
        // Other people may be called 李娜: a name alone identifies nobody.
        for needle in [
            absent.phone.as_str(),
            "0013-9000",
            "0013 9000",
            &absent.email[..6],
            absent.username.as_str(),
            &id[..17],
            &id[..17].to_lowercase(),
            &legacy_id(id),
        ] {
            assert!(!all.contains(needle), "{needle}");
        }
    }

    #[test]
    fn demo_small_and_large_row_counts() {
        for rows in [0, 1, 10] {
            let (_dir, dump) = dump(&DemoOptions { seed: 7, rows });
            assert_eq!(dump.people[0].breaches, showcase_person().breaches);
            let readback = read_back(&dump);
            assert_eq!(readback.rows.iter().sum::<usize>(), rows + 3);
        }
        let started = Instant::now();
        let (_dir, dump) = dump(&DemoOptions {
            seed: 1,
            rows: 100_000,
        });
        let elapsed = started.elapsed();
        if !cfg!(debug_assertions) {
            assert!(elapsed.as_secs_f64() < 2.0, "{elapsed:?}");
        }
        assert!(dump.people.len() > 60_000);
    }
}
