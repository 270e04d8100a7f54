//! Generates a large, deterministic tree of realistic evidence files, the input of the
//! `evident validate` benchmark (`benches/validate.sh`).
//!
//! ```text
//! cargo run --release --example gen_evidence -- --files 100000 --seed 1 --out /tmp/evidence
//! ```
//!
//! The items are modelled on `evidence-samples/`: every evidence kind appears, ids are
//! unique across the tree and every `refs` entry names a valid item generated earlier
//! in the same unit. Files go under `unit-NN/YEAR/<folder>/`; about 70% are YAML, the
//! rest JSON exports and Markdown documents with front matter. About 1% of the files
//! (`--invalid-rate`) are broken on purpose, each in one way (YAML or JSON syntax, a
//! missing required field, a wrong enum value, an impossible date, an unknown kind, a
//! duplicate key, Markdown without front matter); the summary at the end counts them.
//! The same seed always writes a byte-identical tree. The output folder must not exist
//! or be empty: nothing is ever overwritten or deleted.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::unwrap_used,
    clippy::exit
)]

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Parser;
use evident::evidence::EvidenceKind;

/// Generates evidence files for benchmarks.
#[derive(Debug, Parser)]
#[command(name = "gen_evidence")]
struct Args {
    /// Number of evidence files to write (the profile `evident.yaml` comes on top).
    #[arg(long, default_value_t = 100_000)]
    files: usize,
    /// Seed of the generator: the same seed writes the same tree.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write into; must not exist or be empty.
    #[arg(long)]
    out: PathBuf,
    /// Share of files that are deliberately invalid.
    #[arg(long, default_value_t = 0.01)]
    invalid_rate: f64,
    /// Also write the relative paths of the deliberately invalid files to this file
    /// (outside the output folder), one per line.
    #[arg(long)]
    invalid_list: Option<PathBuf>,
}

fn main() {
    let args = Args::parse();
    if let Err(message) = run(&args) {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    if !(0.0..=1.0).contains(&args.invalid_rate) {
        return Err("--invalid-rate must be between 0 and 1".to_owned());
    }
    prepare_out(&args.out)?;
    let mut generator = Gen::new(args.seed, args.files);
    let mut stats = Stats::default();
    let mut made_dirs: HashSet<PathBuf> = HashSet::new();
    let mut invalid_paths = Vec::new();
    for i in 0..args.files {
        // The first files cover every kind once, valid, in an order where referenced
        // kinds come before the kinds that refer to them.
        let kind = match EvidenceKind::ALL.get(i) {
            Some(&kind) => kind,
            None => generator.pick_kind(),
        };
        let unit = generator.rng.below(generator.units.len() as u64) as usize;
        let invalid = i >= EvidenceKind::ALL.len() && generator.rng.chance(args.invalid_rate);
        let file = generator.file(kind, unit, i, invalid);
        let dir = args.out.join(&file.dir);
        if made_dirs.insert(dir.clone()) {
            std::fs::create_dir_all(&dir)
                .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
        }
        let path = dir.join(&file.name);
        write_new(&path, &file.text)?;
        stats.count(kind, &file);
        if file.defect.is_some() {
            invalid_paths.push(format!("{}/{}", file.dir, file.name));
        }
    }
    write_new(&args.out.join("evident.yaml"), &profile(args.seed))?;
    if let Some(list) = &args.invalid_list {
        let mut text = invalid_paths.join("\n");
        text.push('\n');
        std::fs::write(list, text)
            .map_err(|e| format!("cannot write `{}`: {e}", list.display()))?;
    }
    stats.print(&args.out, generator.units.len());
    Ok(())
}

/// Creates `out`, or accepts it if it is an empty folder; refuses anything else.
fn prepare_out(out: &Path) -> Result<(), String> {
    match std::fs::symlink_metadata(out) {
        Ok(meta) if meta.is_dir() => {
            let mut entries = std::fs::read_dir(out)
                .map_err(|e| format!("cannot read `{}`: {e}", out.display()))?;
            if entries.next().is_some() {
                return Err(format!(
                    "`{}` is not empty; choose a new folder (nothing is overwritten or deleted)",
                    out.display()
                ));
            }
            Ok(())
        }
        Ok(_) => Err(format!("`{}` exists and is not a folder", out.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(out)
            .map_err(|e| format!("cannot create `{}`: {e}", out.display())),
        Err(e) => Err(format!("cannot inspect `{}`: {e}", out.display())),
    }
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("cannot create `{}`: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

fn profile(seed: u64) -> String {
    format!(
        "organisation: Benchmark Group (generated evidence, seed {seed})\n\
         scope: All generated business units, their corporate IT, production platforms and the third parties that run services for them.\n\
         as_of: 2026-10-31\n\
         audit_period: {{start: 2025-11-01, end: 2026-10-31}}\n\
         targets: {{IRO-01: 3, IRO-02: 3, BRP: 7}}\n\
         level_threshold: 1.0\n"
    )
}

// ---------------------------------------------------------------------------------
// Deterministic randomness.

/// SplitMix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// Index into `weights`, chosen in proportion to them.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(u64::from(total)) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// `n` distinct entries of `items`, in random order.
    fn distinct<T: Copy>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let mut indices: Vec<usize> = (0..items.len()).collect();
        let n = n.min(items.len());
        for k in 0..n {
            let j = k + self.below((items.len() - k) as u64) as usize;
            indices.swap(k, j);
        }
        indices[..n].iter().map(|&i| items[i]).collect()
    }

    /// `n` distinct entries of `items`, in their original order.
    fn some<T: Copy>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let n = n.min(items.len());
        let mut chosen: Vec<usize> = Vec::with_capacity(n);
        while chosen.len() < n {
            let i = self.below(items.len() as u64) as usize;
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i]).collect()
    }
}

// ---------------------------------------------------------------------------------
// Dates: days since 2024-01-01, always a real calendar day.

/// The last day generated: 2026-12-31.
const LAST_DAY: u32 = 366 + 365 + 365 - 1;

fn leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn month_len(year: u32, month: u32) -> u32 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn ymd(day: u32) -> (u32, u32, u32) {
    let mut rest = day;
    let mut year = 2024;
    loop {
        let len = if leap(year) { 366 } else { 365 };
        if rest < len {
            break;
        }
        rest -= len;
        year += 1;
    }
    let mut month = 1;
    while rest >= month_len(year, month) {
        rest -= month_len(year, month);
        month += 1;
    }
    (year, month, rest + 1)
}

fn day_of(year: u32, month: u32, dom: u32) -> u32 {
    let mut day = 0;
    for y in 2024..year {
        day += if leap(y) { 366 } else { 365 };
    }
    for m in 1..month {
        day += month_len(year, m);
    }
    day + dom - 1
}

fn date(day: u32) -> String {
    let (y, m, d) = ymd(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A timestamp `minutes` after the start of `day`, in UTC.
fn stamp(day: u32, minutes: u32) -> String {
    format!(
        "{}T{:02}:{:02}:00Z",
        date(day + minutes / 1440),
        minutes % 1440 / 60,
        minutes % 60
    )
}

fn later(day: u32, by: u64) -> u32 {
    (day + by as u32).min(LAST_DAY)
}

/// First and last day of the month of `day`.
fn month_of(day: u32) -> (u32, u32) {
    let (y, m, _) = ymd(day);
    let first = day_of(y, m, 1);
    (first, first + month_len(y, m) - 1)
}

/// First and last day of the calendar quarter of `day`, and its number.
fn quarter_of(day: u32) -> (u32, u32, u32) {
    let (y, m, _) = ymd(day);
    let q = (m - 1) / 3;
    let first = day_of(y, q * 3 + 1, 1);
    let last = day_of(y, q * 3 + 3, month_len(y, q * 3 + 3));
    (first, last, q + 1)
}

// ---------------------------------------------------------------------------------
// An item as ordered fields, rendered as YAML, JSON or Markdown front matter.

/// A field value.
#[derive(Debug, Clone)]
enum V {
    /// A string, quoted in YAML when it needs to be.
    S(String),
    /// A date, timestamp or duration: plain in YAML, a string in JSON.
    P(String),
    /// A number, written as is.
    N(String),
    B(bool),
    L(Vec<V>),
    M(Vec<(&'static str, V)>),
}

fn s(text: impl Into<String>) -> V {
    V::S(text.into())
}

fn int(n: u64) -> V {
    V::N(n.to_string())
}

fn num(x: f64, decimals: usize) -> V {
    V::N(format!("{x:.decimals$}"))
}

fn strings<T: AsRef<str>>(items: &[T]) -> V {
    V::L(items.iter().map(|x| s(x.as_ref())).collect())
}

type Fields = Vec<(&'static str, V)>;

/// How a YAML file writes its lists and nested mappings, varied per file.
#[derive(Debug, Clone, Copy)]
struct Style {
    flow_lists: bool,
    flow_maps: bool,
}

fn plain_ok(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if !first.is_ascii_alphanumeric() || text.ends_with(' ') {
        return false;
    }
    if !text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " .-_()/+'".contains(c))
    {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let reserved = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "inf", "nan",
    ];
    if reserved.contains(&lower.as_str()) || lower.starts_with("0x") || lower.starts_with("0o") {
        return false;
    }
    text.parse::<f64>().is_err()
}

fn yaml_scalar(value: &V) -> String {
    match value {
        V::S(text) if plain_ok(text) => text.clone(),
        V::S(text) => quoted(text),
        V::P(text) | V::N(text) => text.clone(),
        V::B(b) => b.to_string(),
        V::L(_) | V::M(_) => String::new(),
    }
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn flow_map(entries: &[(&'static str, V)]) -> String {
    let inner: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{k}: {}", yaml_scalar(v)))
        .collect();
    format!("{{{}}}", inner.join(", "))
}

fn render_yaml(fields: &Fields, style: Style) -> String {
    let mut out = String::new();
    for (key, value) in fields {
        match value {
            V::L(items) if items.is_empty() => {}
            V::L(items) if items.iter().all(|v| !matches!(v, V::M(_))) => {
                let flow: Vec<String> = items.iter().map(yaml_scalar).collect();
                let line = format!("{key}: [{}]", flow.join(", "));
                if style.flow_lists && line.len() <= 100 {
                    out.push_str(&line);
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "{key}:");
                    for item in flow {
                        let _ = writeln!(out, "  - {item}");
                    }
                }
            }
            V::L(items) => {
                let _ = writeln!(out, "{key}:");
                for item in items {
                    let V::M(entries) = item else { continue };
                    if style.flow_maps {
                        let _ = writeln!(out, "  - {}", flow_map(entries));
                    } else {
                        for (n, (k, v)) in entries.iter().enumerate() {
                            let lead = if n == 0 { "  - " } else { "    " };
                            let _ = writeln!(out, "{lead}{k}: {}", yaml_scalar(v));
                        }
                    }
                }
            }
            V::M(entries) => {
                if style.flow_maps {
                    let _ = writeln!(out, "{key}: {}", flow_map(entries));
                } else {
                    let _ = writeln!(out, "{key}:");
                    for (k, v) in entries {
                        let _ = writeln!(out, "  {k}: {}", yaml_scalar(v));
                    }
                }
            }
            scalar => {
                let _ = writeln!(out, "{key}: {}", yaml_scalar(scalar));
            }
        }
    }
    out
}

fn render_json(fields: &Fields) -> String {
    let mut out = String::new();
    json_object(&mut out, fields, 0);
    out.push('\n');
    out
}

fn json_value(out: &mut String, value: &V, indent: usize) {
    match value {
        V::S(text) | V::P(text) => out.push_str(&quoted(text)),
        V::N(text) => out.push_str(text),
        V::B(b) => out.push_str(if *b { "true" } else { "false" }),
        V::L(items) if items.is_empty() => out.push_str("[]"),
        V::L(items) => {
            out.push_str("[\n");
            for (n, item) in items.iter().enumerate() {
                out.push_str(&" ".repeat(indent + 2));
                json_value(out, item, indent + 2);
                out.push_str(if n + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push(']');
        }
        V::M(entries) => json_object(out, entries, indent),
    }
}

fn json_object(out: &mut String, entries: &[(&'static str, V)], indent: usize) {
    let entries: Vec<&(&'static str, V)> = entries
        .iter()
        .filter(|(_, v)| !matches!(v, V::L(items) if items.is_empty()))
        .collect();
    out.push_str("{\n");
    for (n, (key, value)) in entries.iter().enumerate() {
        let _ = write!(out, "{}\"{key}\": ", " ".repeat(indent + 2));
        json_value(out, value, indent + 2);
        out.push_str(if n + 1 < entries.len() { ",\n" } else { "\n" });
    }
    out.push_str(&" ".repeat(indent));
    out.push('}');
}

fn set_field(fields: &mut Fields, key: &'static str, value: V) {
    match fields.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = value,
        None => fields.push((key, value)),
    }
}

// ---------------------------------------------------------------------------------
// Vocabulary, modelled on the sample organisations.

const ORGS: [(&str, &str); 12] = [
    ("Northwind Health", "NWH"),
    ("Meridian Bank", "MB"),
    ("Harbor Freight Co.", "HFC"),
    ("Contoso Retail", "CR"),
    ("Fabrikam Energy", "FE"),
    ("Tailspin Airlines", "TSA"),
    ("Woodgrove Insurance", "WGI"),
    ("Litware Software", "LW"),
    ("Alpine Logistics", "ALP"),
    ("Bluefin Payments", "BFP"),
    ("Coho Foods", "COHO"),
    ("Lucerne Publishing", "LUC"),
];

const FIRST: [&str; 32] = [
    "Marta", "Owen", "Lina", "Raj", "Claire", "Fatima", "Sam", "Noor", "Julian", "Peter", "Alice",
    "Dominic", "Rebecca", "Tomas", "Priya", "Jonas", "Mei", "Carlos", "Hannah", "Ibrahim", "Sofia",
    "Daniel", "Aisha", "Kenji", "Laura", "Mateo", "Grace", "Viktor", "Zanele", "Elena", "Isabel",
    "Richard",
];

const LAST: [&str; 32] = [
    "Kowalczyk",
    "Pryce",
    "Osei",
    "Menon",
    "Dubois",
    "Idrissi",
    "Whitaker",
    "Haddad",
    "Ashby",
    "Lindgren",
    "Mensah",
    "Reyes",
    "Lindqvist",
    "Novak",
    "Sharma",
    "Berg",
    "Chen",
    "Alvarez",
    "Okafor",
    "Fischer",
    "Rahman",
    "Rossi",
    "Nakamura",
    "Moreau",
    "Silva",
    "Byrne",
    "Petrov",
    "Dlamini",
    "Walsh",
    "Jensen",
    "Varga",
    "Hale",
];

/// Roles with the function they represent.
const ROLES: [(&str, &str); 20] = [
    ("ISIRT lead", "cybersecurity"),
    ("incident commander", "cybersecurity"),
    ("SOC manager", "cybersecurity"),
    ("senior incident responder", "cybersecurity"),
    ("Head of Cyber Defence", "cybersecurity"),
    ("Group CISO", "cybersecurity"),
    ("Head of Infrastructure Operations", "it"),
    ("cloud platform lead", "it"),
    ("service desk manager", "it"),
    ("network engineer", "technical"),
    ("site reliability engineer", "technical"),
    ("Data Protection Officer", "privacy"),
    ("Privacy Officer", "privacy"),
    ("business continuity manager", "business"),
    ("operations director", "business"),
    ("customer service lead", "business"),
    ("legal counsel", "legal"),
    ("Head of Communications", "communications"),
    ("press officer", "communications"),
    ("external DFIR consultant", "external"),
];

const TEAMS: [&str; 10] = [
    "Security Operations",
    "Vulnerability Management team",
    "IT Asset Management",
    "Platform Engineering",
    "GRC office",
    "Identity and Access Management",
    "Infrastructure Operations",
    "Privacy office",
    "Cyber Defence",
    "Service Management",
];

const SYSTEMS: [&str; 28] = [
    "customer portal",
    "core banking database",
    "payments gateway",
    "Microsoft 365 mail",
    "Okta tenant",
    "AWS production account",
    "Azure AD",
    "VPN concentrator",
    "SFTP gateway",
    "Kubernetes cluster prod-eu",
    "Salesforce CRM",
    "Workday HR",
    "SAP ERP",
    "transport management system",
    "warehouse PCs",
    "developer laptops",
    "CI/CD pipeline",
    "GitHub organisation",
    "public website",
    "mobile app backend",
    "data warehouse",
    "patient scheduling service",
    "call centre telephony",
    "file server FS01",
    "domain controllers",
    "backup appliance",
    "card processing platform",
    "claims system",
];

const DEPTS: [&str; 10] = [
    "finance",
    "accounts payable",
    "HR",
    "sales",
    "customer support",
    "warehouse",
    "engineering",
    "payments operations",
    "claims",
    "marketing",
];

const DATA: [&str; 10] = [
    "customer contact details",
    "patient appointment records",
    "payroll data",
    "masked card data",
    "support tickets",
    "employee records",
    "supplier invoices",
    "customer statements",
    "CRM exports",
    "claims documents",
];

const THREATS: [&str; 15] = [
    "Credential stuffing against the {sys}",
    "Ransomware on the {sys}",
    "Phishing-led mailbox compromise of a {dept} user",
    "Misdirected email with {data} from {dept}",
    "Malware beacon from a {dept} laptop",
    "Publicly readable storage bucket holding {data}",
    "DDoS against the {sys}",
    "Lost laptop with {data}",
    "Unauthorised bulk download of {data}",
    "Supplier breach exposing {data}",
    "Web shell found on the {sys}",
    "Privilege escalation on the {sys}",
    "Outage of the {sys} after a failed change",
    "Suspicious OAuth consent grant in the {sys}",
    "API key for the {sys} exposed in a public repository",
];

const CONTAINMENT: [&str; 10] = [
    "Disabled the affected accounts, revoked sessions and reset credentials.",
    "Isolated the affected hosts through EDR network containment; blocked the C2 domains at the proxy.",
    "Made the storage private, rotated access keys and reviewed access logs for downloads.",
    "Suspended the supplier feed; rotated shared credentials and keys.",
    "Rate-limited the login endpoint, enforced MFA and blocked the attacking IP ranges.",
    "Rolled back the change and failed over to the secondary site.",
    "Revoked the OAuth grant, removed inbox rules and blocked the sender domain.",
    "Recalled the message and obtained written confirmation of deletion from the recipient.",
    "Removed the web shell, patched the server and rebuilt it from a known-good image.",
    "Remote-wiped the device and revoked its certificates.",
];

const ROOT_CAUSES: [&str; 10] = [
    "Password reuse by customers combined with no bot protection on the login endpoint.",
    "Unpatched internet-facing server; the patch was deferred past its SLA.",
    "Storage policy allowed public access; no guardrail blocked it.",
    "User approved a fraudulent MFA prompt after a convincing phishing email.",
    "Autocomplete in the mail client picked the wrong external recipient.",
    "Supplier stored files unencrypted against the contract schedule.",
    "Change deployed without a tested rollback plan.",
    "Secret committed to a repository without secret scanning on push.",
    "Local administrator rights let the user install unsigned software.",
    "Service account with excessive privileges and a non-expiring password.",
];

const LESSONS: [&str; 10] = [
    "Detection worked, but triage took longer than the target because the runbook was out of date.",
    "The business representative joined the first checkpoint, which sped up decisions on customer impact.",
    "Supplier contracts must require breach notification within 24 hours and be tested.",
    "MFA fatigue attacks need number matching, not push approval.",
    "Evidence was preserved before rebuilding, which made the root cause analysis possible.",
    "The communication templates saved time; the regulator template needs a third-party variant.",
    "Asset ownership was unclear for two of the affected systems.",
    "Logging on the affected system was kept for only 7 days; 90 days are needed.",
    "The on-call rota had a gap at the weekend.",
    "Containment was fast because EDR coverage was complete on the affected estate.",
];

const ACTIONS: [&str; 12] = [
    "Enable bot protection on the login endpoint",
    "Extend log retention to 90 days",
    "Amend supplier contracts missing a notification clause",
    "Roll out number matching for MFA",
    "Add secret scanning to every repository",
    "Remove local administrator rights from standard laptops",
    "Update the IR playbook for this scenario",
    "Block public access to storage at the organisation level",
    "Add a rollback test to the change checklist",
    "Review service account privileges quarterly",
    "Train the service desk on the new escalation path",
    "Patch internet-facing servers within 7 days",
];

const INCIDENT_SOURCES: [&str; 6] = [
    "ServiceNow SecOps export",
    "Jira Service Management export",
    "Freshdesk ticket export",
    "TheHive case export",
    "PagerDuty incident log",
    "Splunk SOAR case export",
];

const SCANNERS: [&str; 6] = [
    "Tenable.sc 6.4",
    "Qualys VMDR",
    "Rapid7 InsightVM",
    "Nessus Professional 10.7",
    "OpenVAS 22.4",
    "Microsoft Defender Vulnerability Management",
];

const SCAN_SCOPES: [&str; 8] = [
    "all internal networks (10.0.0.0/8)",
    "DMZ",
    "Azure and AWS tenants",
    "external perimeter",
    "server VLANs",
    "user endpoints",
    "container images in the registry",
    "OT network segment",
];

const STANDARDS: [&str; 8] = [
    "CIS Microsoft Windows Server 2022 Benchmark v3.0.0 Level 1",
    "CIS Ubuntu Linux 22.04 LTS Benchmark v2.0.0",
    "CIS Amazon Web Services Foundations Benchmark v3.0.0",
    "CIS Microsoft 365 Foundations Benchmark v3.1.0",
    "CIS Kubernetes Benchmark v1.9.0",
    "DISA STIG Red Hat Enterprise Linux 9 V1R3",
    "Internal hardening guide HG-07 (network devices)",
    "CIS Google Chrome Benchmark v1.0.0",
];

const BASELINE_SYSTEMS: [&str; 8] = [
    "Windows servers",
    "Linux servers",
    "AWS accounts",
    "Microsoft 365 tenant",
    "Kubernetes clusters",
    "firewalls and switches",
    "user laptops",
    "database servers",
];

const FIM_TOOLS: [&str; 5] = [
    "Tripwire Enterprise",
    "Wazuh FIM",
    "OSSEC",
    "Qualys File Integrity Monitoring",
    "AIDE",
];

const MONITORED: [&str; 7] = [
    "/etc on Linux servers",
    "system32 on domain controllers",
    "web root of the customer portal",
    "payment application binaries",
    "firewall configuration",
    "AWS IAM policies",
    "Kubernetes admission controller config",
];

/// Detection tools with their category.
const TOOLS: [(&str, &str); 16] = [
    ("Splunk Enterprise Security", "siem"),
    ("Microsoft Sentinel", "siem"),
    ("Elastic Security", "siem"),
    ("IBM QRadar", "siem"),
    ("CrowdStrike Falcon Insight", "edr"),
    ("Microsoft Defender for Endpoint", "edr"),
    ("SentinelOne Singularity", "edr"),
    ("Suricata", "ids"),
    ("Snort", "ids"),
    ("Darktrace", "ndr"),
    ("Vectra AI", "ndr"),
    ("Tripwire Enterprise", "fim"),
    ("Wazuh", "fim"),
    ("Microsoft Purview DLP", "dlp"),
    ("Recorded Future", "threat-intel"),
    ("MISP", "threat-intel"),
];

const MEASURES: [&str; 6] = [
    "physical-barriers",
    "insider-activity",
    "compromised-credentials",
    "external-access",
    "third-party-compromise",
    "unauthorised-components",
];

const INTEL: [&str; 6] = [
    "FS-ISAC",
    "H-ISAC",
    "National CSIRT feed",
    "Recorded Future",
    "AlienVault OTX",
    "vendor advisories",
];

/// Obligations: name, type, jurisdiction, deadline, who is notified.
const OBLIGATIONS: [(&str, &str, &str, &str, &str); 12] = [
    (
        "GDPR Art. 33 - notify the supervisory authority of a personal data breach",
        "statutory",
        "EU/UK",
        "PT72H",
        "regulator",
    ),
    (
        "GDPR Art. 34 - inform data subjects of a high-risk breach",
        "statutory",
        "EU/UK",
        "",
        "data-subject",
    ),
    (
        "HIPAA Breach Notification Rule - notify affected individuals",
        "statutory",
        "US",
        "P60D",
        "data-subject",
    ),
    (
        "HIPAA Breach Notification Rule - notify HHS",
        "statutory",
        "US",
        "P60D",
        "regulator",
    ),
    (
        "State breach notification law - notify residents",
        "statutory",
        "US states",
        "P30D",
        "data-subject",
    ),
    (
        "Prudential regulator major operational incident - initial report",
        "regulatory",
        "UK",
        "PT4H",
        "regulator",
    ),
    (
        "NIS2 early warning to the CSIRT",
        "regulatory",
        "EU",
        "PT24H",
        "regulator",
    ),
    (
        "SEC Form 8-K Item 1.05 - material cybersecurity incident",
        "regulatory",
        "US",
        "P4D",
        "regulator",
    ),
    (
        "Card scheme rules - account data compromise notification",
        "contractual",
        "Visa and Mastercard",
        "PT72H",
        "partner",
    ),
    (
        "Customer data processing agreement section 7 - notify the controller",
        "contractual",
        "customers",
        "PT48H",
        "customer",
    ),
    (
        "Business associate agreement - notify the covered entity",
        "contractual",
        "covered entities",
        "P5D",
        "customer",
    ),
    (
        "Cyber insurance policy - notify the insurer of circumstances",
        "contractual",
        "",
        "PT48H",
        "partner",
    ),
];

const RECIPIENTS: [(&str, &str); 6] = [
    ("internal", "executive situation report"),
    ("regulator", "regulator incident portal"),
    ("data-subject", "letter and in-app notice"),
    ("customer", "account manager email"),
    ("partner", "insurer notification"),
    ("law-enforcement", "Action Fraud report"),
];

const TRAINING_TOPICS: [&str; 8] = [
    "Incident response plan roles, severity classification and escalation",
    "Phishing recognition and reporting",
    "Evidence handling and chain of custody",
    "Ransomware playbook walk-through",
    "Secure development and secret handling",
    "Breach notification decisions for privacy incidents",
    "Cloud incident response in AWS and Azure",
    "Security awareness annual refresher",
];

const SCENARIOS: [&str; 8] = [
    "Ransomware encrypts the file servers during month-end close",
    "Third-party processor breached; customer data exfiltrated",
    "Insider downloads the customer database before leaving",
    "Cloud admin credentials phished; production account taken over",
    "DDoS takes the customer portal offline for 6 hours",
    "Primary data centre lost; recovery to the secondary site",
    "Business email compromise diverts a supplier payment",
    "Malicious update in a widely used software dependency",
];

const FINDINGS: [&str; 8] = [
    "Impact tolerance would be breached after 6 hours; no fallback supplier agreement.",
    "The regulator report template did not cover third-party incidents.",
    "Backups restored within the RTO, but the restore runbook missed two steps.",
    "Decision rights for paying a ransom were unclear.",
    "Out-of-band communications were not tested.",
    "The SOC detected the simulated lateral movement within 12 minutes.",
    "Contact list for the legal team was out of date.",
    "Customer communication was drafted within 45 minutes from the template.",
];

const KPIS: [(&str, &str); 6] = [
    ("Mean time to detect, sev-1/sev-2", "hours"),
    ("Mean time to contain, sev-1/sev-2", "hours"),
    ("Mean time to recover", "hours"),
    ("Post-incident reviews completed within 30 days", "%"),
    ("Alerts triaged within SLA", "%"),
    ("Critical vulnerabilities fixed within 15 days", "%"),
];

const KRIS: [(&str, &str); 5] = [
    ("Overdue post-incident corrective actions", "count"),
    ("Repeat incidents with the same root cause", "count"),
    (
        "Critical suppliers without breach-notification clause",
        "count",
    ),
    ("Endpoints without EDR", "%"),
    ("Privileged accounts without MFA", "count"),
];

const CRITERIA: [&str; 12] = [
    "CC7.1-POF1",
    "CC7.1-POF3",
    "CC7.1-POF5",
    "CC7.2-POF3",
    "CC7.3-POF2",
    "CC7.4-POF3",
    "CC7.4-POF14",
    "CC7.5-POF2",
    "IRO-01.L2.c3",
    "IRO-02.L2.c4",
    "IRO-02.L3.c3",
    "BRP.S5",
];

const POLICY_TOPICS: [(&str, &str); 9] = [
    ("incident-response", "Incident response policy"),
    ("detection", "Security monitoring and detection policy"),
    (
        "vulnerability-management",
        "Vulnerability management policy",
    ),
    ("configuration", "Secure configuration policy"),
    ("sanctions", "Information security sanctions policy"),
    ("communication", "Incident communication policy"),
    ("breach-response", "Data breach response policy"),
    ("acceptable-use", "Acceptable use policy"),
    ("access-control", "Access control policy"),
];

const GOV_TYPES: [&str; 7] = [
    "charter",
    "minutes",
    "conops",
    "program",
    "strategy",
    "raci",
    "change-approval",
];

const GOV_BODIES: [(&str, &str); 7] = [
    ("steering-committee", "Cyber Steering Committee"),
    ("grc", "GRC oversight forum"),
    ("isirt", "ISIRT"),
    ("soc", "Security Operations Centre"),
    ("itam", "IT Asset Management board"),
    ("ciso", "CISO office"),
    ("bpo", "Business process owners forum"),
];

/// Sentences of document bodies; `{org}`, `{sys}`, `{person}` and `{n}` are filled in.
const SENTENCES: [&str; 24] = [
    "Any suspected incident is reported to the service desk or the SOC and logged once, in the incident tool.",
    "The incident commander assembles a response team from security, IT, the business owner and the {org} privacy office.",
    "Severity is assigned within 30 minutes of triage using the impact and urgency matrix.",
    "Containment favours isolating the {sys} over shutting it down, so that evidence is preserved.",
    "{person} keeps the decision log and the timeline during the incident.",
    "Evidence is collected with hashes recorded in the case, and kept for at least {n} months.",
    "Eradication removes the root cause: malware, persistence, vulnerable software and compromised credentials.",
    "Recovery restores the {sys} from known-good backups and monitors it closely for {n} days.",
    "Every sev-1 and sev-2 incident gets a post-incident review within 30 days.",
    "Actions from reviews are tracked in the risk register and followed up by GRC every quarter.",
    "The privacy office decides on notification to regulators and data subjects within the deadlines of the obligations register.",
    "Customer messages use templates approved by Legal and Communications.",
    "Third parties that run services for {org} must report incidents to the SOC within 24 hours.",
    "The plan is tested at least once a year by a tabletop exercise and a recovery test of the {sys}.",
    "Changes to this document are approved by the CISO and recorded in the revision history.",
    "The SOC monitors alerts around the clock and escalates confirmed security events to the on-call incident commander.",
    "Metrics on detection, containment and recovery times are reported to the steering committee each quarter.",
    "The committee reviewed {n} open corrective actions; two are overdue and were escalated to their owners.",
    "Staff receive awareness training on reporting incidents when they join and every year after.",
    "Emergency access is granted through the PAM vault, approved by two people and removed after use.",
    "The asset inventory gives the owner and data classification of the {sys}, which drives the impact assessment.",
    "{person} presented the quarter's incidents and the status of the lessons learned.",
    "Logs from the {sys} are forwarded to the SIEM and kept for 12 months.",
    "Where a decision affects customers, the business owner is consulted before the action is taken.",
];

const BUSINESS_UNITS: [&str; 8] = [
    "Retail Banking",
    "Payments",
    "Wealth Management",
    "Clinical Services",
    "Logistics",
    "E-commerce",
    "Corporate IT",
    "Customer Operations",
];

// ---------------------------------------------------------------------------------
// The generator.

/// Relative weight of each kind, in `EvidenceKind::ALL` order.
const WEIGHTS: [u32; 21] = [
    30,  // ir-plan
    140, // incident
    50,  // post-incident-review
    40,  // exercise
    50,  // training-record
    20,  // ir-team
    60,  // emergency-access
    15,  // obligations-register
    50,  // notification-log
    100, // vulnerability-scan
    30,  // configuration-baseline
    50,  // configuration-drift
    50,  // change-detection
    25,  // detection-tooling
    100, // alert-triage
    20,  // asset-inventory
    30,  // metrics-report
    80,  // governance-record
    40,  // policy
    20,  // attestation
    15,  // waiver
];

/// An item another can refer to.
#[derive(Debug, Clone)]
struct Target {
    id: String,
    title: String,
    day: u32,
    /// Kind-specific detail: an incident's severity, a governance record's type.
    tag: &'static str,
}

#[derive(Debug)]
struct Unit {
    folder: String,
    org: &'static str,
    code: String,
    staff: Vec<(String, usize)>,
    /// Valid items so far, by kind index.
    targets: Vec<Vec<Target>>,
}

struct Gen {
    rng: Rng,
    units: Vec<Unit>,
}

/// An item before it is written.
#[derive(Debug)]
struct Item {
    kind: EvidenceKind,
    id: String,
    title: String,
    day: u32,
    tag: &'static str,
    folder: &'static str,
    fields: Fields,
    body: Option<String>,
}

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Format {
    Yaml,
    Yml,
    Json,
    Markdown,
}

/// The one thing wrong with a deliberately invalid file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Defect {
    YamlSyntax,
    JsonSyntax,
    MissingField,
    WrongEnum,
    BadDate,
    UnknownKind,
    DuplicateKey,
    NoFrontMatter,
}

/// A file ready to write.
#[derive(Debug)]
struct File {
    dir: String,
    name: String,
    text: String,
    format: Format,
    defect: Option<Defect>,
}

fn kind_index(kind: EvidenceKind) -> usize {
    EvidenceKind::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or(0)
}

impl Gen {
    fn new(seed: u64, files: usize) -> Self {
        let mut rng = Rng(seed ^ 0x005E_ED0F_E71D_E4CE);
        let count = (files / 2500).clamp(1, 99);
        let units = (0..count)
            .map(|u| {
                let (org, abbr) = ORGS[u % ORGS.len()];
                let staff = (0..16)
                    .map(|_| {
                        let name = format!("{} {}", rng.pick(&FIRST), rng.pick(&LAST));
                        (name, rng.below(ROLES.len() as u64) as usize)
                    })
                    .collect();
                Unit {
                    folder: format!("unit-{:02}", u + 1),
                    org,
                    code: format!("{abbr}{:02}", u + 1),
                    staff,
                    targets: vec![Vec::new(); EvidenceKind::ALL.len()],
                }
            })
            .collect();
        Self { rng, units }
    }

    fn pick_kind(&mut self) -> EvidenceKind {
        EvidenceKind::ALL[self.rng.weighted(&WEIGHTS)]
    }

    /// A recent valid item of `kind` in unit `u`.
    fn target(&mut self, u: usize, kind: EvidenceKind) -> Option<Target> {
        let pool = &self.units[u].targets[kind_index(kind)];
        if pool.is_empty() {
            return None;
        }
        let window = pool.len().min(64) as u64;
        let index = pool.len() - 1 - self.rng.below(window) as usize;
        Some(self.units[u].targets[kind_index(kind)][index].clone())
    }

    /// A recent valid item of `kind` in unit `u` whose tag is `tag`.
    fn tagged(&mut self, u: usize, kind: EvidenceKind, tag: &str) -> Option<Target> {
        let pool = &self.units[u].targets[kind_index(kind)];
        let recent: Vec<usize> = (pool.len().saturating_sub(512)..pool.len())
            .filter(|&i| pool[i].tag == tag)
            .collect();
        if recent.is_empty() {
            return None;
        }
        let index = recent[self.rng.below(recent.len() as u64) as usize];
        Some(self.units[u].targets[kind_index(kind)][index].clone())
    }

    /// A staff member: name, role, function.
    fn person(&mut self, u: usize) -> (String, &'static str, &'static str) {
        let (name, role) = self.units[u].staff[self.rng.below(16) as usize].clone();
        (name, ROLES[role].0, ROLES[role].1)
    }

    fn owner(&mut self, u: usize) -> String {
        if self.rng.chance(0.25) {
            self.rng.pick(&TEAMS).to_owned()
        } else {
            let (name, role, _) = self.person(u);
            format!("{name} ({role})")
        }
    }

    fn member(&mut self, u: usize) -> V {
        let (name, role, function) = self.person(u);
        V::M(vec![
            ("name", s(name)),
            ("role", s(role)),
            ("function", s(function)),
        ])
    }

    fn fill(&mut self, template: &str) -> String {
        template
            .replace("{sys}", self.rng.pick(&SYSTEMS))
            .replace("{dept}", self.rng.pick(&DEPTS))
            .replace("{data}", self.rng.pick(&DATA))
    }

    /// A day for an item; a week before the end, so that the timelines and grants
    /// that follow it stay in 2026.
    fn day(&mut self) -> u32 {
        self.rng.below(u64::from(LAST_DAY) - 7) as u32
    }

    /// The envelope, in the samples' order; `when` is an effective day or a period.
    #[allow(clippy::too_many_arguments)]
    fn envelope(
        &mut self,
        kind: EvidenceKind,
        id: &str,
        title: &str,
        owner: String,
        when: (u32, Option<u32>),
        basis: &str,
        source: &str,
        refs: Vec<String>,
    ) -> Fields {
        let mut fields: Fields = vec![
            ("kind", s(kind.name())),
            ("id", s(id)),
            ("title", s(title)),
            ("owner", s(owner)),
        ];
        let end = match when {
            (start, Some(end)) => {
                fields.push((
                    "period",
                    V::M(vec![("start", V::P(date(start))), ("end", V::P(date(end)))]),
                ));
                end
            }
            (day, None) => {
                fields.push(("effective", V::P(date(day))));
                day
            }
        };
        if self.rng.chance(0.9) {
            let collected = later(end, self.rng.range(0, 20));
            fields.push(("collected", V::P(date(collected))));
        }
        fields.push(("basis", s(basis)));
        fields.push(("source", s(source)));
        if !refs.is_empty() {
            fields.push(("refs", strings(&refs)));
        }
        fields
    }

    fn id(&self, u: usize, prefix: &str, day: u32, i: usize) -> String {
        format!("{}-{prefix}-{}-{i:06}", self.units[u].code, ymd(day).0)
    }

    /// Builds, perhaps breaks, and renders file `i`.
    fn file(&mut self, kind: EvidenceKind, u: usize, i: usize, invalid: bool) -> File {
        let mut item = self.item(kind, u, i);
        let format = self.format(kind);
        let style = Style {
            flow_lists: self.rng.chance(0.75),
            flow_maps: self.rng.chance(0.7),
        };
        let defect = invalid.then(|| self.defect(format));
        if let Some(d) = defect {
            self.break_fields(&mut item, d);
        }
        let mut text = match format {
            Format::Json => render_json(&item.fields),
            Format::Yaml | Format::Yml => render_yaml(&item.fields, style),
            Format::Markdown => {
                let body = item.body.clone().unwrap_or_default();
                if defect == Some(Defect::NoFrontMatter) {
                    body
                } else {
                    format!("---\n{}---\n{body}", render_yaml(&item.fields, style))
                }
            }
        };
        if let Some(d) = defect {
            text = self.break_text(text, format, d, u);
        } else {
            self.units[u].targets[kind_index(kind)].push(Target {
                id: item.id.clone(),
                title: item.title.clone(),
                day: item.day,
                tag: item.tag,
            });
        }
        let extension = match format {
            Format::Yaml => "yaml",
            Format::Yml => "yml",
            Format::Json => "json",
            Format::Markdown => "md",
        };
        let name = if format == Format::Markdown {
            format!("{}-{}.{extension}", item.id, slug(&item.title))
        } else {
            format!("{}.{extension}", item.id)
        };
        File {
            dir: format!(
                "{}/{}/{}",
                self.units[u].folder,
                ymd(item.day).0,
                item.folder
            ),
            name,
            text,
            format,
            defect,
        }
    }

    fn format(&mut self, kind: EvidenceKind) -> Format {
        let json = match kind {
            _ if kind.is_document() => {
                if self.rng.chance(0.75) {
                    return Format::Markdown;
                }
                0.0
            }
            K::VulnerabilityScan
            | K::AlertTriage
            | K::AssetInventory
            | K::ChangeDetection
            | K::ConfigurationDrift
            | K::DetectionTooling => 0.38,
            _ => 0.05,
        };
        if self.rng.chance(json) {
            Format::Json
        } else if self.rng.chance(0.15) {
            Format::Yml
        } else {
            Format::Yaml
        }
    }

    fn defect(&mut self, format: Format) -> Defect {
        use Defect as D;
        let choices: &[Defect] = match format {
            Format::Json => &[
                D::JsonSyntax,
                D::MissingField,
                D::WrongEnum,
                D::BadDate,
                D::UnknownKind,
            ],
            Format::Yaml | Format::Yml => &[
                D::YamlSyntax,
                D::MissingField,
                D::WrongEnum,
                D::BadDate,
                D::UnknownKind,
                D::DuplicateKey,
            ],
            Format::Markdown => &[
                D::YamlSyntax,
                D::MissingField,
                D::WrongEnum,
                D::BadDate,
                D::UnknownKind,
                D::DuplicateKey,
                D::NoFrontMatter,
            ],
        };
        self.rng.pick(choices)
    }

    /// Defects made on the fields, before rendering.
    fn break_fields(&mut self, item: &mut Item, defect: Defect) {
        match defect {
            Defect::MissingField => {
                let specific = required(item.kind);
                let field = if self.rng.chance(0.5) {
                    self.rng.pick(specific)
                } else {
                    self.rng.pick(&["basis", "title", "id"])
                };
                item.fields.retain(|(k, _)| *k != field);
            }
            Defect::WrongEnum => match wrong_enum(item.kind) {
                Some((field, value)) if self.rng.chance(0.6) => {
                    set_field(&mut item.fields, field, s(value));
                }
                _ => {
                    let bad = self
                        .rng
                        .pick(&["observed", "Measured", "self-assessed", "manual"]);
                    set_field(&mut item.fields, "basis", s(bad));
                }
            },
            Defect::BadDate => {
                let bad = self.rng.pick(&[
                    "2025-02-30",
                    "2026-02-29",
                    "2024-04-31",
                    "2025-13-01",
                    "2026-06-31",
                    "2025-00-12",
                    "2024-11-31",
                ]);
                let has_effective = item.fields.iter().any(|(k, _)| *k == "effective");
                if has_effective {
                    set_field(&mut item.fields, "effective", V::P(bad.to_owned()));
                } else if let Some((_, V::M(period))) =
                    item.fields.iter_mut().find(|(k, _)| *k == "period")
                {
                    period[1].1 = V::P(bad.to_owned());
                }
            }
            Defect::UnknownKind => {
                let misspelt = misspell(item.kind);
                let wrong = if self.rng.chance(0.5) {
                    misspelt
                } else {
                    self.rng.pick(&[
                        "pentest-report",
                        "risk-register",
                        "audit-log",
                        "vendor-assessment",
                        "bcp-test",
                    ])
                };
                set_field(&mut item.fields, "kind", s(wrong));
            }
            Defect::YamlSyntax
            | Defect::JsonSyntax
            | Defect::DuplicateKey
            | Defect::NoFrontMatter => {}
        }
    }

    /// Defects made on the rendered text.
    fn break_text(&mut self, text: String, format: Format, defect: Defect, u: usize) -> String {
        // For Markdown, the YAML is the front matter: edit it before the closing line.
        let (yaml, rest) = match format {
            Format::Markdown if defect != Defect::NoFrontMatter => {
                let close = text[4..].find("\n---\n").map_or(text.len(), |at| at + 5);
                (text[..close].to_owned(), text[close..].to_owned())
            }
            _ => (text, String::new()),
        };
        let broken = match defect {
            Defect::YamlSyntax => match self.rng.below(3) {
                0 => insert_after(&yaml, "title:", "tags: [evidence, quarterly\n"),
                1 => insert_after(&yaml, "id:", "   reviewed: yes\n"),
                _ => format!("{yaml}notes: \"exported from the old tool\n"),
            },
            Defect::JsonSyntax => match self.rng.below(3) {
                0 => match yaml.rfind("\n}") {
                    Some(at) => format!("{},{}", &yaml[..at], &yaml[at..]),
                    None => yaml,
                },
                1 => yaml.replacen(",\n  \"id\"", "\n  \"id\"", 1),
                _ => yaml.replacen("\"title\":", "title:", 1),
            },
            Defect::DuplicateKey => {
                let (name, role, _) = self.person(u);
                format!("{yaml}owner: {name} ({role})\n")
            }
            _ => yaml,
        };
        broken + &rest
    }

    fn item(&mut self, kind: EvidenceKind, u: usize, i: usize) -> Item {
        match kind {
            K::IrPlan => self.ir_plan(u, i),
            K::Incident => self.incident(u, i),
            K::PostIncidentReview => self.review(u, i),
            K::Exercise => self.exercise(u, i),
            K::TrainingRecord => self.training(u, i),
            K::IrTeam => self.team(u, i),
            K::EmergencyAccess => self.emergency_access(u, i),
            K::ObligationsRegister => self.obligations(u, i),
            K::NotificationLog => self.notifications(u, i),
            K::VulnerabilityScan => self.scan(u, i),
            K::ConfigurationBaseline => self.baseline(u, i),
            K::ConfigurationDrift => self.drift(u, i),
            K::ChangeDetection => self.change_detection(u, i),
            K::DetectionTooling => self.tooling(u, i),
            K::AlertTriage => self.triage(u, i),
            K::AssetInventory => self.inventory(u, i),
            K::MetricsReport => self.metrics(u, i),
            K::GovernanceRecord => self.governance(u, i),
            K::Policy => self.policy(u, i),
            K::Attestation => self.attestation(u, i),
            K::Waiver => self.waiver(u, i),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        kind: EvidenceKind,
        id: String,
        title: String,
        day: u32,
        tag: &'static str,
        folder: &'static str,
        fields: Fields,
        body: Option<String>,
    ) -> Item {
        Item {
            kind,
            id,
            title,
            day,
            tag,
            folder,
            fields,
            body,
        }
    }

    fn incident(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "INC", day, i);
        let template = self.rng.pick(&THREATS);
        let title = self.fill(template);
        let severity = ["sev-1", "sev-2", "sev-3", "sev-4"][self.rng.weighted(&[5, 20, 45, 30])];
        let status = if day + 40 > LAST_DAY {
            self.rng.pick(&["open", "contained", "resolved"])
        } else {
            ["closed", "resolved", "contained", "open"][self.rng.weighted(&[80, 10, 5, 5])]
        };
        let owner = self.owner(u);
        let source = self.rng.pick(&INCIDENT_SOURCES);
        let mut f = self.envelope(
            K::Incident,
            &id,
            &title,
            owner,
            (day, None),
            "measured",
            source,
            Vec::new(),
        );
        let start = self.rng.range(6 * 60, 20 * 60) as u32;
        f.push(("severity", s(severity)));
        f.push(("status", s(status)));
        let detection = self.rng.pick(&["monitoring", "report", "third-party"]);
        f.push(("detection_source", s(detection)));
        f.push(("detected", V::P(stamp(day, start))));
        if matches!(status, "closed" | "resolved") {
            let closed = later(day, self.rng.range(1, 40));
            f.push(("closed", V::P(date(closed))));
        }
        let personal = self.rng.chance(0.4);
        f.push(("personal_data_involved", V::B(personal)));
        if self.rng.chance(0.6) {
            f.push(("confidential_data_involved", V::B(self.rng.chance(0.5))));
        }
        let n = self.rng.range(1, 3) as usize;
        f.push(("affected_systems", strings(&self.rng.some(&SYSTEMS, n))));
        if personal {
            let n = self.rng.range(1, 2) as usize;
            f.push(("data_affected", strings(&self.rng.some(&DATA, n))));
        }
        let target = match severity {
            "sev-1" => "PT15M",
            "sev-2" => "PT1H",
            "sev-3" => "PT4H",
            _ => "PT24H",
        };
        f.push(("response_time_target", V::P(target.to_owned())));
        f.push(("containment_strategy", s(self.rng.pick(&CONTAINMENT))));
        if self.rng.chance(0.6) {
            f.push(("root_cause", s(self.rng.pick(&ROOT_CAUSES))));
        }
        if self.rng.chance(0.1) {
            f.push(("sanctions_considered", V::B(self.rng.chance(0.7))));
        }
        let events = [
            "Alert raised and acknowledged by the on-call analyst",
            "Incident declared and severity assigned",
            "Incident commander appointed; bridge opened",
            "Affected accounts disabled",
            "Hosts isolated through EDR",
            "Scope confirmed from log review",
            "Business owner and DPO briefed",
            "Containment confirmed",
            "Systems restored from clean backups",
            "Monitoring for recurrence for 7 days",
        ];
        let steps = self.rng.range(2, 6) as usize;
        let mut at = start;
        let mut timeline = Vec::new();
        for event in self.rng.some(&events, steps) {
            timeline.push(V::M(vec![
                ("at", V::P(stamp(day, at))),
                ("event", s(event)),
            ]));
            at += self.rng.range(10, 600) as u32;
        }
        f.push(("timeline", V::L(timeline)));
        let actions = self.actions(u, day, 0, 3);
        f.push(("actions", actions));
        self.finish(K::Incident, id, title, day, severity, "incidents", f, None)
    }

    fn actions(&mut self, u: usize, day: u32, min: u64, max: u64) -> V {
        let n = self.rng.range(min, max) as usize;
        let mut list = Vec::new();
        for description in self.rng.some(&ACTIONS, n) {
            let mut action = vec![("description", s(description))];
            if self.rng.chance(0.8) {
                let (name, _, _) = self.person(u);
                action.push(("owner", s(name)));
            }
            if self.rng.chance(0.7) {
                let due = later(day, self.rng.range(14, 120));
                action.push(("due", V::P(date(due))));
            }
            let status = self
                .rng
                .pick(&["open", "in-progress", "done", "done", "cancelled"]);
            action.push(("status", s(status)));
            if self.rng.chance(0.15) {
                let change = format!("CHG{:07}", self.rng.below(10_000_000));
                action.push(("change_ref", s(change)));
            }
            list.push(V::M(action));
        }
        V::L(list)
    }

    fn review(&mut self, u: usize, i: usize) -> Item {
        let incident = self.target(u, K::Incident);
        let day = match &incident {
            Some(t) => later(t.day, self.rng.range(5, 30)),
            None => self.day(),
        };
        let id = self.id(u, "PIR", day, i);
        let title = match &incident {
            Some(t) => format!("Post-incident review - {}", t.title),
            None => "Post-incident review - quarterly minor incidents".to_owned(),
        };
        let refs = incident.iter().map(|t| t.id.clone()).collect();
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::PostIncidentReview,
            &id,
            &title,
            owner,
            (day, None),
            "declared",
            "Post-incident review record",
            refs,
        );
        let root_cause = self.rng.pick(&ROOT_CAUSES);
        f.push(("root_cause", s(root_cause)));
        let n = self.rng.range(1, 3) as usize;
        let lessons = self.rng.some(&LESSONS, n);
        f.push(("lessons_learned", strings(&lessons)));
        let actions = self.actions(u, day, 1, 3);
        f.push(("actions", actions));
        f.push(("plan_updated", V::B(self.rng.chance(0.5))));
        let audience = [
            "Cyber Steering Committee",
            "CISO",
            "business-unit head",
            "GRC",
            "IT leadership",
        ];
        let n = self.rng.range(1, 4) as usize;
        f.push(("communicated_to", strings(&self.rng.some(&audience, n))));
        let incident_id = incident.as_ref().map_or("the incidents", |t| t.id.as_str());
        let heading = format!("Post-incident review: {incident_id}");
        let sections = [
            "Summary",
            "Timeline",
            "Root cause",
            "Assessment and analysis",
            "Lessons learned",
            "What went well",
            "What did not go well",
            "Corrective actions and follow-up",
        ];
        let body = self.body(u, &heading, &sections, Some(root_cause));
        self.finish(
            K::PostIncidentReview,
            id,
            title,
            day,
            "",
            "reviews",
            f,
            Some(body),
        )
    }

    fn exercise(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let (kind, prefix) = self.rng.pick(&[
            ("tabletop", "TTX"),
            ("simulation", "SIM"),
            ("drill", "DRL"),
            ("recovery-test", "RT"),
        ]);
        let id = self.id(u, prefix, day, i);
        let scenario = self.rng.pick(&SCENARIOS);
        let title = match kind {
            "tabletop" => format!("Tabletop exercise - {}", lower_first(scenario)),
            "simulation" => format!("Purple-team simulation - {}", lower_first(scenario)),
            "drill" => format!("Response drill - {}", lower_first(scenario)),
            _ => format!("Recovery test of the {}", self.rng.pick(&SYSTEMS)),
        };
        let mut refs = Vec::new();
        for _ in 0..self.rng.range(0, 2) {
            if let Some(plan) = self.target(u, K::IrPlan)
                && !refs.contains(&plan.id)
            {
                refs.push(plan.id);
            }
        }
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::Exercise,
            &id,
            &title,
            owner,
            (day, None),
            "declared",
            "Exercise report",
            refs,
        );
        f.push(("type", s(kind)));
        f.push(("status", s("held")));
        f.push(("held", V::P(date(day))));
        let levels = ["low", "medium", "high"];
        let mut scenarios = vec![V::M(vec![
            ("name", s(scenario)),
            ("likelihood", s(self.rng.pick(&levels))),
            ("magnitude", s(self.rng.pick(&levels))),
        ])];
        if self.rng.chance(0.3) {
            scenarios.push(V::M(vec![("name", s(self.rng.pick(&SCENARIOS)))]));
        }
        f.push(("scenarios", V::L(scenarios)));
        let participants = (0..self.rng.range(3, 8)).map(|_| self.member(u)).collect();
        f.push(("participants", V::L(participants)));
        let n = self.rng.range(1, 3) as usize;
        f.push(("findings", strings(&self.rng.some(&FINDINGS, n))));
        if self.rng.chance(0.3) {
            f.push(("key_personnel_unavailable", V::B(true)));
        }
        if kind == "recovery-test" {
            let n = self.rng.range(1, 3) as usize;
            f.push(("components_covered", strings(&self.rng.some(&SYSTEMS, n))));
            if self.rng.chance(0.5) {
                f.push((
                    "continuity_changes",
                    strings(&[
                        "Moved the restore runbook into the DR wiki and added the missing steps",
                    ]),
                ));
            }
        }
        self.finish(K::Exercise, id, title, day, kind, "exercises", f, None)
    }

    fn training(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "TRN", day, i);
        let topic = self.rng.pick(&TRAINING_TOPICS);
        let audience = self.rng.pick(&["ir-team", "all-staff", "it", "developers"]);
        let title = format!("{topic} ({audience}, {})", ymd(day).0);
        let owner = self.owner(u);
        let source = self.rng.pick(&[
            "Workday Learning report",
            "KnowBe4 campaign export",
            "LMS completion report",
            "Attendance sheet",
        ]);
        let course = self.rng.pick(&["CYB", "SEC", "IR", "PRIV"]);
        let source = format!("{source}, course {course}-{}", self.rng.range(100, 499));
        let mut f = self.envelope(
            K::TrainingRecord,
            &id,
            &title,
            owner,
            (day, None),
            "measured",
            &source,
            Vec::new(),
        );
        if self.rng.chance(0.3) {
            set_field(&mut f, "valid_for", V::P("P1Y".to_owned()));
        }
        f.push(("audience", s(audience)));
        f.push(("topic", s(topic)));
        let rate = 0.55 + self.rng.unit() * 0.45;
        f.push(("completion_rate", num(rate, 2)));
        if matches!(audience, "ir-team" | "it") && self.rng.chance(0.6) {
            let people = (0..self.rng.range(3, 8)).map(|_| self.member(u)).collect();
            f.push(("participants", V::L(people)));
        }
        self.finish(K::TrainingRecord, id, title, day, "", "training", f, None)
    }

    fn team(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "TEAM", day, i);
        let structure = self
            .rng
            .pick(&["decentralized", "centralized", "integrated"]);
        let title = match structure {
            "integrated" => "Integrated Security Incident Response Team - membership".to_owned(),
            "centralized" => "Incident response team roster".to_owned(),
            _ => "IT incident contacts".to_owned(),
        };
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::IrTeam,
            &id,
            &title,
            owner,
            (day, None),
            "declared",
            "Team terms of reference and on-call rota",
            Vec::new(),
        );
        f.push(("structure", s(structure)));
        f.push(("formally_assigned", V::B(structure != "decentralized")));
        let mut functions: Vec<&str> = Vec::new();
        let mut members = Vec::new();
        for _ in 0..self.rng.range(3, 12) {
            let (name, role, function) = self.person(u);
            if !functions.contains(&function) {
                functions.push(function);
            }
            members.push(V::M(vec![
                ("name", s(name)),
                ("role", s(role)),
                ("function", s(function)),
            ]));
        }
        f.push(("functions", strings(&functions)));
        f.push(("members", V::L(members)));
        let external = [
            "Kestrel Incident Response - DFIR retainer (200 hours/year)",
            "Sentinel Shield MSSP - out-of-hours tier 1",
            "Outside counsel for breach notification",
            "National CSIRT liaison",
        ];
        let n = self.rng.range(0, 3) as usize;
        f.push(("external_resources", strings(&self.rng.some(&external, n))));
        self.finish(K::IrTeam, id, title, day, structure, "team", f, None)
    }

    fn emergency_access(&mut self, u: usize, i: usize) -> Item {
        let incident = if self.rng.chance(0.7) {
            self.target(u, K::Incident)
        } else {
            None
        };
        let day = match &incident {
            Some(t) => t.day,
            None => self.day(),
        };
        let id = self.id(u, "EA", day, i);
        let title = match &incident {
            Some(t) => format!("Break-glass access for {}", t.id),
            None => format!(
                "Emergency administrator access to the {}",
                self.rng.pick(&SYSTEMS)
            ),
        };
        let refs = incident.iter().map(|t| t.id.clone()).collect();
        let owner = self.owner(u);
        let source = self.rng.pick(&[
            "CyberArk PAM audit report",
            "Okta system log export",
            "AWS CloudTrail export",
            "Azure AD PIM audit log",
        ]);
        let mut f = self.envelope(
            K::EmergencyAccess,
            &id,
            &title,
            owner,
            (day, None),
            "measured",
            source,
            refs,
        );
        let account = self.rng.pick(&[
            "breakglass-admin-01",
            "svc-ir-sftp-admin",
            "aws-root-emergency",
            "okta-superadmin-bg",
            "da-emergency-02",
        ]);
        f.push(("account", s(account)));
        let (name, _, _) = self.person(u);
        f.push(("granted_to", s(name)));
        if self.rng.chance(0.8) {
            let (approver, role, _) = self.person(u);
            f.push(("approved_by", s(format!("{approver} ({role})"))));
        }
        let start = self.rng.range(8 * 60, 22 * 60) as u32;
        f.push(("provisioned", V::P(stamp(day, start))));
        if self.rng.chance(0.85) {
            let end = start + self.rng.range(30, 3 * 1440) as u32;
            f.push(("deprovisioned", V::P(stamp(day, end))));
        }
        self.finish(K::EmergencyAccess, id, title, day, "", "access", f, None)
    }

    fn obligations(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "OBL", day, i);
        let title = "Incident notification obligations register".to_owned();
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::ObligationsRegister,
            &id,
            &title,
            owner,
            (day, None),
            "declared",
            "Obligations library export",
            Vec::new(),
        );
        let n = self.rng.range(3, 9) as usize;
        let list = self
            .rng
            .some(&OBLIGATIONS, n)
            .into_iter()
            .map(|(name, kind, jurisdiction, deadline, notify)| {
                let mut entry = vec![("name", s(name)), ("type", s(kind))];
                if !jurisdiction.is_empty() {
                    entry.push(("jurisdiction", s(jurisdiction)));
                }
                if !deadline.is_empty() {
                    entry.push(("deadline", V::P(deadline.to_owned())));
                }
                entry.push(("notify", s(notify)));
                V::M(entry)
            })
            .collect();
        f.push(("obligations", V::L(list)));
        self.finish(
            K::ObligationsRegister,
            id,
            title,
            day,
            "",
            "governance/registers",
            f,
            None,
        )
    }

    fn notifications(&mut self, u: usize, i: usize) -> Item {
        let incident = self.target(u, K::Incident);
        let start = match &incident {
            Some(t) => t.day,
            None => self.day(),
        };
        let mut at = self.rng.range(9 * 60, 18 * 60) as u32;
        let mut sent = Vec::new();
        let mut recipients: Vec<&str> = Vec::new();
        let n = self.rng.range(1, 5) as usize;
        for (recipient, channel) in self.rng.some(&RECIPIENTS, n) {
            let mut entry = vec![
                ("recipient", s(recipient)),
                ("sent", V::P(stamp(start, at))),
                ("channel", s(channel)),
            ];
            if let Some(t) = &incident {
                entry.push(("incident", s(t.id.clone())));
            }
            sent.push(V::M(entry));
            recipients.push(recipient);
            at += self.rng.range(30, 1440) as u32;
        }
        let day = later(start, u64::from(at / 1440));
        let id = self.id(u, "NOTIF", day, i);
        let title = match &incident {
            Some(t) => format!("Notifications sent for {}", t.id),
            None => "Notifications sent for a privacy incident".to_owned(),
        };
        let refs = incident.iter().map(|t| t.id.clone()).collect();
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::NotificationLog,
            &id,
            &title,
            owner,
            (day, None),
            "measured",
            "OneTrust incident and breach management export",
            refs,
        );
        recipients.sort_unstable();
        f.push(("recipients", strings(&recipients)));
        f.push(("notifications", V::L(sent)));
        self.finish(
            K::NotificationLog,
            id,
            title,
            day,
            "",
            "notifications",
            f,
            None,
        )
    }

    fn scan(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "SCAN", day, i);
        let trigger = if self.rng.chance(0.8) {
            "scheduled"
        } else {
            "change"
        };
        let title = match trigger {
            "scheduled" => format!("Quarterly vulnerability scan {}", &date(day)[..7]),
            _ => format!(
                "Change-triggered scan after the {} release",
                self.rng.pick(&SYSTEMS)
            ),
        };
        let owner = self.owner(u);
        let scanner = self.rng.pick(&SCANNERS);
        let source = format!(
            "{scanner} scan results export (job VS-{:05})",
            self.rng.below(100_000)
        );
        let mut f = self.envelope(
            K::VulnerabilityScan,
            &id,
            &title,
            owner,
            (day, None),
            "measured",
            &source,
            Vec::new(),
        );
        f.push(("scanner", s(scanner)));
        f.push(("trigger", s(trigger)));
        let n = self.rng.range(2, 5) as usize;
        f.push(("scope", strings(&self.rng.some(&SCAN_SCOPES, n))));
        f.push(("findings_critical", int(self.rng.range(0, 6))));
        f.push(("findings_high", int(self.rng.range(0, 60))));
        f.push(("remediation_tracked", V::B(self.rng.chance(0.8))));
        self.finish(K::VulnerabilityScan, id, title, day, "", "scans", f, None)
    }

    fn baseline(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "CB", day, i);
        let standard = self.rng.pick(&STANDARDS);
        let title = format!("Configuration baseline - {standard}");
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::ConfigurationBaseline,
            &id,
            &title,
            owner,
            (day, None),
            "declared",
            "Configuration standards library",
            Vec::new(),
        );
        f.push(("standard", s(standard)));
        let n = self.rng.range(1, 4) as usize;
        f.push(("systems", strings(&self.rng.some(&BASELINE_SYSTEMS, n))));
        if self.rng.chance(0.8) {
            let (name, role, _) = self.person(u);
            f.push(("approved_by", s(format!("{name} ({role})"))));
        }
        self.finish(
            K::ConfigurationBaseline,
            id,
            title,
            day,
            "",
            "configuration/baselines",
            f,
            None,
        )
    }

    fn drift(&mut self, u: usize, i: usize) -> Item {
        let baseline = self.target(u, K::ConfigurationBaseline);
        let (start, end) = month_of(self.day());
        let id = self.id(u, "DRIFT", start, i);
        let title = format!("Configuration drift report {}", &date(start)[..7]);
        let tool = self.rng.pick(&[
            "Tenable.sc",
            "Qualys Policy Compliance",
            "Chef InSpec",
            "AWS Config",
            "Microsoft Defender for Cloud",
        ]);
        let refs = baseline.iter().map(|t| t.id.clone()).collect();
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::ConfigurationDrift,
            &id,
            &title,
            owner,
            (start, Some(end)),
            "measured",
            &format!("{tool} compliance scan export"),
            refs,
        );
        let checked = self.rng.range(10, 2000);
        let deviations = self.rng.range(0, checked / 10);
        f.push(("systems_checked", int(checked)));
        f.push(("deviations", int(deviations)));
        if self.rng.chance(0.8) {
            f.push(("deviations_resolved", int(self.rng.range(0, deviations))));
        }
        self.finish(
            K::ConfigurationDrift,
            id,
            title,
            start,
            "",
            "configuration/drift",
            f,
            None,
        )
    }

    fn change_detection(&mut self, u: usize, i: usize) -> Item {
        let baseline = if self.rng.chance(0.4) {
            self.target(u, K::ConfigurationBaseline)
        } else {
            None
        };
        let (start, end) = month_of(self.day());
        let id = self.id(u, "FIM", start, i);
        let tool = self.rng.pick(&FIM_TOOLS);
        let title = format!("File integrity monitoring alerts {}", &date(start)[..7]);
        let refs = baseline.iter().map(|t| t.id.clone()).collect();
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::ChangeDetection,
            &id,
            &title,
            owner,
            (start, Some(end)),
            "measured",
            &format!("{tool} monthly alert report"),
            refs,
        );
        f.push(("tool", s(tool)));
        let n = self.rng.range(1, 4) as usize;
        f.push(("monitored", strings(&self.rng.some(&MONITORED, n))));
        f.push(("alerts", int(self.rng.range(0, 500))));
        f.push(("unauthorised_changes", int(self.rng.range(0, 3))));
        f.push(("reviewed", V::B(self.rng.chance(0.85))));
        self.finish(
            K::ChangeDetection,
            id,
            title,
            start,
            "",
            "configuration/fim",
            f,
            None,
        )
    }

    fn tooling(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "TOOLS", day, i);
        let title = format!(
            "Detection tooling inventory and health check Q{}",
            quarter_of(day).2
        );
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::DetectionTooling,
            &id,
            &title,
            owner,
            (day, None),
            "measured",
            "SOC tooling health dashboard export",
            Vec::new(),
        );
        let n = self.rng.range(2, 6) as usize;
        let tools = self.rng.some(&TOOLS, n);
        let mut categories: Vec<&str> = Vec::new();
        let mut list = Vec::new();
        for (name, category) in tools {
            if !categories.contains(&category) {
                categories.push(category);
            }
            let coverage = 0.6 + self.rng.unit() * 0.4;
            list.push(V::M(vec![
                ("name", s(name)),
                ("category", s(category)),
                ("coverage", num(coverage, 3)),
                ("healthy", V::B(self.rng.chance(0.9))),
            ]));
        }
        f.push(("tools", V::L(list)));
        f.push(("categories", strings(&categories)));
        let n = self.rng.range(0, 3) as usize;
        f.push(("threat_intel_sources", strings(&self.rng.some(&INTEL, n))));
        let n = self.rng.range(0, 6) as usize;
        f.push(("detection_measures", strings(&self.rng.some(&MEASURES, n))));
        f.push(("health_checked", V::B(self.rng.chance(0.8))));
        self.finish(K::DetectionTooling, id, title, day, "", "tooling", f, None)
    }

    fn triage(&mut self, u: usize, i: usize) -> Item {
        let charter = self.tagged(u, K::GovernanceRecord, "charter");
        let (start, end) = month_of(self.day());
        let id = self.id(u, "TRIAGE", start, i);
        let title = format!("SOC monthly triage report {}", &date(start)[..7]);
        let refs = charter.iter().map(|t| t.id.clone()).collect();
        let owner = self.owner(u);
        let source = self.rng.pick(&[
            "Splunk ES incident review export",
            "Microsoft Sentinel workbook export",
            "MDR provider monthly report",
        ]);
        let source = format!(
            "{source} (scheduled report SOC-MONTHLY-{:03})",
            self.rng.below(1000)
        );
        let mut f = self.envelope(
            K::AlertTriage,
            &id,
            &title,
            owner,
            (start, Some(end)),
            "measured",
            &source,
            refs,
        );
        let received = self.rng.range(100_000, 60_000_000);
        let escalated = self.rng.range(5, 400);
        f.push(("events_received", int(received)));
        f.push(("events_filtered", int(received - escalated * 40)));
        f.push(("escalated", int(escalated)));
        f.push((
            "security_events_identified",
            int(self.rng.range(0, escalated / 3)),
        ));
        self.finish(K::AlertTriage, id, title, start, "", "soc/triage", f, None)
    }

    fn inventory(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "ASSETS", day, i);
        let title = "Asset inventory with data classification (extract)".to_owned();
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::AssetInventory,
            &id,
            &title,
            owner,
            (day, None),
            "measured",
            "CMDB export",
            Vec::new(),
        );
        f.push((
            "classification_coverage",
            num(0.3 + self.rng.unit() * 0.7, 2),
        ));
        f.push(("shared_with_soc", V::B(self.rng.chance(0.6))));
        let types = [
            ("LT", "laptop"),
            ("SRV", "server"),
            ("VM", "virtual machine"),
            ("SAAS", "saas"),
            ("DB", "database"),
        ];
        let classes = ["public", "internal", "confidential", "restricted"];
        let code = self.units[u].code.clone();
        let mut assets = Vec::new();
        let first = self.rng.range(10_000, 90_000);
        for n in 0..self.rng.range(5, 20) {
            let (prefix, kind) = self.rng.pick(&types);
            let mut asset = vec![
                ("id", s(format!("{code}-{prefix}-{}", first + n))),
                ("type", s(kind)),
            ];
            if self.rng.chance(0.9) {
                asset.push(("classification", s(self.rng.pick(&classes))));
            }
            assets.push(V::M(asset));
        }
        f.push(("assets", V::L(assets)));
        self.finish(K::AssetInventory, id, title, day, "", "inventory", f, None)
    }

    fn metrics(&mut self, u: usize, i: usize) -> Item {
        let (start, end, q) = quarter_of(self.day());
        let id = self.id(u, "METRICS", start, i);
        let title = format!("Incident response metrics report {} Q{q}", ymd(start).0);
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::MetricsReport,
            &id,
            &title,
            owner,
            (start, Some(end)),
            "measured",
            "Performance analytics export",
            Vec::new(),
        );
        let scope = if self.rng.chance(0.7) {
            "organisation-wide"
        } else {
            "partial"
        };
        f.push(("scope", s(scope)));
        f.push(("includes_third_parties", V::B(self.rng.chance(0.5))));
        let reviewers = [
            "Cyber Steering Committee",
            "CISO",
            "Risk Committee",
            "Executive Committee",
        ];
        let n = self.rng.range(1, 2) as usize;
        f.push(("reviewed_by", strings(&self.rng.some(&reviewers, n))));
        let mut kpis = Vec::new();
        let n = self.rng.range(2, 5) as usize;
        for (name, unit) in self.rng.some(&KPIS, n) {
            let (value, target) = if unit == "%" {
                (60.0 + self.rng.unit() * 40.0, 95.0)
            } else {
                (0.5 + self.rng.unit() * 30.0, 4.0)
            };
            kpis.push(V::M(vec![
                ("name", s(name)),
                ("value", num(value, 1)),
                ("target", num(target, 1)),
                ("unit", s(unit)),
            ]));
        }
        f.push(("kpis", V::L(kpis)));
        let mut kris = Vec::new();
        let n = self.rng.range(1, 4) as usize;
        for (name, unit) in self.rng.some(&KRIS, n) {
            kris.push(V::M(vec![
                ("name", s(name)),
                ("value", int(self.rng.range(0, 12))),
                ("target", int(self.rng.range(1, 5))),
                ("unit", s(unit)),
            ]));
        }
        f.push(("kris", V::L(kris)));
        let n = self.rng.range(0, 2) as usize;
        let recommendations = self.rng.some(&ACTIONS, n);
        f.push(("improvement_recommendations", strings(&recommendations)));
        self.finish(K::MetricsReport, id, title, start, "", "metrics", f, None)
    }

    fn governance(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let kind = GOV_TYPES[self.rng.weighted(&[15, 50, 5, 5, 5, 5, 15])];
        let (body_name, body_title) = self.rng.pick(&GOV_BODIES);
        let (prefix, title, folder) = match kind {
            "charter" => (
                "CHARTER",
                format!("{body_title} charter"),
                "governance/charters",
            ),
            "minutes" => (
                "MIN",
                format!("{body_title} minutes {}", &date(day)[..7]),
                "governance/minutes",
            ),
            "conops" => (
                "CONOPS",
                "Incident response concept of operations".to_owned(),
                "governance",
            ),
            "program" => (
                "IIRP",
                "Integrated incident response program".to_owned(),
                "governance",
            ),
            "strategy" => (
                "STRAT",
                format!("Cyber security strategy {}-{}", ymd(day).0, ymd(day).0 + 2),
                "governance",
            ),
            "raci" => (
                "RACI",
                "Incident response RACI matrix".to_owned(),
                "governance",
            ),
            _ => (
                "CAB",
                format!(
                    "Security CAB change approval - {}",
                    lower_first(self.rng.pick(&ACTIONS))
                ),
                "governance/change-approvals",
            ),
        };
        let id = self.id(u, prefix, day, i);
        let mut refs = Vec::new();
        if kind == "minutes" {
            if let Some(t) = self.target(u, K::MetricsReport) {
                refs.push(t.id);
            }
            if let Some(t) = self.target(u, K::Incident) {
                refs.push(t.id);
            }
        }
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::GovernanceRecord,
            &id,
            &title,
            owner,
            (day, None),
            "declared",
            "Board portal minute book",
            refs,
        );
        f.push(("type", s(kind)));
        f.push(("body", s(body_name)));
        let approvers = (0..self.rng.range(0, 4)).map(|_| self.member(u)).collect();
        f.push(("approvers", V::L(approvers)));
        let decisions = [
            "Approve the revised incident response plan.",
            "Accept the residual risk of the legacy system until its replacement in Q3.",
            "Fund a second EDR licence tier for servers.",
            "Follow up the overdue corrective actions with the business owners.",
            "Approve the change with a rollback window of two hours.",
            "Request a tabletop on third-party breaches before year end.",
        ];
        if matches!(kind, "minutes" | "change-approval") {
            let n = self.rng.range(1, 3) as usize;
            f.push(("decisions", strings(&self.rng.some(&decisions, n))));
        }
        let sections: &[&str] = match kind {
            "minutes" => &[
                "Present",
                "IR metrics review",
                "Incidents this quarter",
                "Open incident actions",
                "Decisions",
                "Follow-up",
            ],
            "charter" => &["Mission", "Membership", "Duties", "Meetings", "Reporting"],
            "conops" => &[
                "Purpose",
                "Management Measures",
                "Operational Measures",
                "Technical Measures",
                "Reporting",
            ],
            "program" => &[
                "Purpose and scope",
                "Responsibilities across the incident lifecycle",
                "Playbooks",
                "Reporting",
                "Review and Follow-up",
            ],
            "strategy" => &[
                "Business Alignment",
                "Priorities",
                "Incident Response",
                "Risk and impact",
                "Reporting",
            ],
            "raci" => &[
                "Purpose",
                "Roles and Responsibilities",
                "Escalation",
                "Review and Follow-up",
            ],
            _ => &["Decision", "Risk and impact", "Recommendation", "Follow-up"],
        };
        let body = self.body(u, &title, sections, None);
        self.finish(
            K::GovernanceRecord,
            id,
            title,
            day,
            kind,
            folder,
            f,
            Some(body),
        )
    }

    fn policy(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "POL", day, i);
        let (topic, name) = self.rng.pick(&POLICY_TOPICS);
        let title = name.to_owned();
        let status = ["approved", "draft", "retired"][self.rng.weighted(&[80, 15, 5])];
        let owner = self.owner(u);
        let source = format!(
            "Policy library, version {}.{}",
            self.rng.range(1, 6),
            self.rng.range(0, 9)
        );
        let mut f = self.envelope(
            K::Policy,
            &id,
            &title,
            owner,
            (day, None),
            "declared",
            &source,
            Vec::new(),
        );
        f.push(("topic", s(topic)));
        f.push(("status", s(status)));
        if status == "approved" {
            let approver = self.rng.pick(&[
                "Executive Committee",
                "Board Risk Committee",
                "CISO",
                "Chief Operating Officer",
            ]);
            f.push(("approved_by", s(approver)));
        }
        let sections = [
            "Purpose and scope",
            "Policy statements",
            "Roles and Responsibilities",
            "Internal Communication",
            "External Communication",
            "Compliance and sanctions",
            "Review",
        ];
        let body = self.body(u, &title, &sections, None);
        self.finish(K::Policy, id, title, day, topic, "policies", f, Some(body))
    }

    fn ir_plan(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "IRP", day, i);
        let scope = ["organisation", "business-unit", "system"][self.rng.weighted(&[50, 40, 10])];
        let unit = self.rng.pick(&BUSINESS_UNITS);
        let org = self.units[u].org;
        let title = match scope {
            "organisation" => format!("{org} incident response plan"),
            "business-unit" => format!("{unit} incident response plan"),
            _ => format!("Incident response plan for the {}", self.rng.pick(&SYSTEMS)),
        };
        let parent = if scope == "organisation" {
            None
        } else {
            self.tagged(u, K::IrPlan, "organisation")
        };
        let refs = parent.iter().map(|t| t.id.clone()).collect();
        let status = ["approved", "draft", "retired"][self.rng.weighted(&[75, 20, 5])];
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::IrPlan,
            &id,
            &title,
            owner,
            (day, None),
            "declared",
            "Policy library (plans and procedures)",
            refs,
        );
        f.push(("status", s(status)));
        f.push(("scope", s(scope)));
        if scope == "business-unit" {
            f.push(("business_unit", s(unit)));
        }
        f.push((
            "version",
            s(format!("{}.{}", self.rng.range(0, 6), self.rng.range(0, 9))),
        ));
        if status == "approved" {
            let (name, role, _) = self.person(u);
            f.push(("approved_by", s(format!("{name} ({role})"))));
        }
        let sections = [
            "Purpose and scope",
            "Roles and Responsibilities",
            "Severity Classification",
            "Preparation",
            "Detection and Analysis",
            "Containment",
            "Eradication",
            "Recovery",
            "Post-Incident Activity",
            "Escalation",
            "Notification",
            "Revision History",
        ];
        let body = self.body(u, &title, &sections, None);
        self.finish(K::IrPlan, id, title, day, scope, "plans", f, Some(body))
    }

    fn attestation(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "ATT", day, i);
        let n = self.rng.range(1, 3) as usize;
        let covers = self.rng.some(&CRITERIA, n);
        let title = format!("Attestation for {}", covers.join(", "));
        let policy = if self.rng.chance(0.5) {
            self.target(u, K::Policy)
        } else {
            None
        };
        let refs = policy.iter().map(|t| t.id.clone()).collect();
        let owner = self.owner(u);
        let mut f = self.envelope(
            K::Attestation,
            &id,
            &title,
            owner,
            (day, None),
            "attested",
            "Signed attestation (e-signature)",
            refs,
        );
        if self.rng.chance(0.5) {
            set_field(&mut f, "expires", V::P(date(later(day, 365))));
        } else {
            set_field(&mut f, "valid_for", V::P("P1Y".to_owned()));
        }
        f.push(("covers", strings(&covers)));
        let (name, role, _) = self.person(u);
        f.push(("signed_by", s(format!("{name} ({role})"))));
        let statement = self.rng.pick(&[
            "The conduct of the personnel involved in each incident was evaluated and sanctions were decided under the policy.",
            "Monthly file integrity monitoring alerts were reviewed and no unauthorised change was left unresolved.",
            "Every member of the incident response team completed the annual role training.",
            "Configuration baselines were reviewed against the current CIS benchmarks.",
        ]);
        f.push(("statement", s(statement)));
        self.finish(K::Attestation, id, title, day, "", "attestations", f, None)
    }

    fn waiver(&mut self, u: usize, i: usize) -> Item {
        let day = self.day();
        let id = self.id(u, "WVR", day, i);
        let n = self.rng.range(1, 2) as usize;
        let covers = self.rng.some(&CRITERIA, n);
        let title = format!("Waiver of {}", covers.join(" and "));
        let owner = self.owner(u);
        let basis = if self.rng.chance(0.7) {
            "attested"
        } else {
            "declared"
        };
        let mut f = self.envelope(
            K::Waiver,
            &id,
            &title,
            owner,
            (day, None),
            basis,
            "GRC exception register",
            Vec::new(),
        );
        set_field(
            &mut f,
            "expires",
            V::P(date(later(day, self.rng.range(90, 365)))),
        );
        f.push(("covers", strings(&covers)));
        let (name, role, _) = self.person(u);
        f.push(("approver", s(format!("{name} ({role})"))));
        let justification = self.rng.pick(&[
            "No incident occurred in the period, so no post-incident review could be held.",
            "The legacy platform cannot run the agent; compensating network monitoring is in place until decommissioning.",
            "The supplier contract is being renegotiated; the clause will be added at renewal.",
            "Scanning the OT segment risks disrupting production; a passive assessment is done instead.",
        ]);
        f.push(("justification", s(justification)));
        self.finish(K::Waiver, id, title, day, "", "waivers", f, None)
    }

    /// A Markdown body: a title, then sections of paragraphs until it holds 1 to 4 KB.
    fn body(&mut self, u: usize, title: &str, sections: &[&str], cause: Option<&str>) -> String {
        let target = self.rng.range(900, 3000) as usize;
        let mut out = format!("# {title}\n");
        let mut n = 0;
        while out.len() < target || n < 3 {
            let heading = sections[n % sections.len()];
            let _ = write!(out, "\n## {heading}\n\n");
            if heading == "Root cause"
                && let Some(cause) = cause
            {
                out.push_str(&wrap(cause));
                n += 1;
                continue;
            }
            if heading.contains("Revision History") {
                out.push_str("| Version | Date | Change |\n|---|---|---|\n");
                for v in 1..=self.rng.range(2, 4) {
                    let day = self.day();
                    let _ = writeln!(
                        out,
                        "| {v}.0 | {} | {} |",
                        date(day),
                        self.rng.pick(&ACTIONS)
                    );
                }
                n += 1;
                continue;
            }
            if self.rng.chance(0.25) {
                let n = self.rng.range(2, 4) as usize;
                for template in self.rng.distinct(&SENTENCES, n) {
                    let (name, role, _) = self.person(u);
                    let sentence = self.sentence(u, template);
                    let _ = writeln!(out, "- **{role}** ({name}): {}", lower_first(&sentence));
                }
            } else {
                for p in 0..self.rng.range(1, 2) {
                    if p > 0 {
                        out.push('\n');
                    }
                    let mut paragraph = String::new();
                    let n = self.rng.range(2, 4) as usize;
                    for template in self.rng.distinct(&SENTENCES, n) {
                        if !paragraph.is_empty() {
                            paragraph.push(' ');
                        }
                        paragraph.push_str(&self.sentence(u, template));
                    }
                    out.push_str(&wrap(&paragraph));
                }
            }
            n += 1;
        }
        out
    }

    fn sentence(&mut self, u: usize, template: &str) -> String {
        let (person, _, _) = self.person(u);
        template
            .replace("{org}", self.units[u].org)
            .replace("{sys}", self.rng.pick(&SYSTEMS))
            .replace("{person}", &person)
            .replace("{n}", &self.rng.range(2, 18).to_string())
    }
}

use EvidenceKind as K;

/// Required fields of each kind beyond the envelope's.
fn required(kind: EvidenceKind) -> &'static [&'static str] {
    match kind {
        K::IrPlan => &["status"],
        K::Incident => &["severity", "status"],
        K::PostIncidentReview => &["basis"],
        K::Exercise => &["type"],
        K::TrainingRecord => &["audience", "topic"],
        K::IrTeam => &["structure", "members"],
        K::EmergencyAccess => &["account", "granted_to"],
        K::ObligationsRegister => &["obligations"],
        K::NotificationLog => &["notifications"],
        K::VulnerabilityScan => &["scanner", "scope"],
        K::ConfigurationBaseline => &["standard", "systems"],
        K::ConfigurationDrift => &["systems_checked", "deviations"],
        K::ChangeDetection => &["tool", "monitored"],
        K::DetectionTooling => &["tools"],
        K::AlertTriage => &["events_received"],
        K::AssetInventory => &["title"],
        K::MetricsReport => &["basis"],
        K::GovernanceRecord => &["type", "body"],
        K::Policy => &["topic", "status"],
        K::Attestation => &["covers", "signed_by"],
        K::Waiver => &["covers", "approver", "justification"],
    }
}

/// A kind-specific enum field and a value it does not allow.
fn wrong_enum(kind: EvidenceKind) -> Option<(&'static str, &'static str)> {
    match kind {
        K::IrPlan => Some(("status", "final")),
        K::Incident => Some(("severity", "sev-5")),
        K::Exercise => Some(("type", "workshop")),
        K::TrainingRecord => Some(("audience", "contractors")),
        K::IrTeam => Some(("structure", "hybrid")),
        K::VulnerabilityScan => Some(("trigger", "ad-hoc")),
        K::MetricsReport => Some(("scope", "group")),
        K::GovernanceRecord => Some(("type", "memo")),
        K::Policy => Some(("topic", "privacy")),
        _ => None,
    }
}

fn misspell(kind: EvidenceKind) -> &'static str {
    match kind {
        K::IrPlan => "ir_plan",
        K::Incident => "incidnet",
        K::PostIncidentReview => "post-incident-reveiw",
        K::Exercise => "excercise",
        K::TrainingRecord => "training",
        K::IrTeam => "ir-teams",
        K::EmergencyAccess => "emergency_access",
        K::ObligationsRegister => "obligation-register",
        K::NotificationLog => "notifications",
        K::VulnerabilityScan => "vulnerability-scans",
        K::ConfigurationBaseline => "config-baseline",
        K::ConfigurationDrift => "configuration-drfit",
        K::ChangeDetection => "change-detect",
        K::DetectionTooling => "detection-tools",
        K::AlertTriage => "alert_triage",
        K::AssetInventory => "assets",
        K::MetricsReport => "metrics",
        K::GovernanceRecord => "governance",
        K::Policy => "Policy",
        K::Attestation => "attest",
        K::Waiver => "waver",
    }
}

fn insert_after(text: &str, key: &str, line: &str) -> String {
    let mut out = String::with_capacity(text.len() + line.len());
    let mut done = false;
    for l in text.split_inclusive('\n') {
        out.push_str(l);
        if !done && l.starts_with(key) {
            out.push_str(line);
            done = true;
        }
    }
    if !done {
        out.push_str(line);
    }
    out
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() > 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// Wraps a paragraph at 88 columns, as the sample documents are.
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + 1 + word.len() > 88 {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------------
// The summary.

#[derive(Debug, Default)]
struct Stats {
    by_kind: BTreeMap<usize, (usize, usize)>,
    by_format: BTreeMap<Format, usize>,
    by_defect: BTreeMap<Defect, usize>,
    bytes: u64,
    files: usize,
}

impl Stats {
    fn count(&mut self, kind: EvidenceKind, file: &File) {
        let entry = self.by_kind.entry(kind_index(kind)).or_default();
        entry.0 += 1;
        if let Some(d) = file.defect {
            entry.1 += 1;
            *self.by_defect.entry(d).or_default() += 1;
        }
        *self.by_format.entry(file.format).or_default() += 1;
        self.bytes += file.text.len() as u64;
        self.files += 1;
    }

    fn print(&self, out: &Path, units: usize) {
        let invalid: usize = self.by_defect.values().sum();
        println!(
            "wrote {} evidence files ({} invalid) and evident.yaml to {} in {units} units, {:.1} MB, mean {} bytes",
            self.files,
            invalid,
            out.display(),
            self.bytes as f64 / 1e6,
            self.bytes / (self.files.max(1) as u64),
        );
        println!("{:<24} {:>8} {:>8}", "kind", "files", "invalid");
        for (&k, &(files, bad)) in &self.by_kind {
            println!("{:<24} {files:>8} {bad:>8}", EvidenceKind::ALL[k].name());
        }
        let formats: Vec<String> = self
            .by_format
            .iter()
            .map(|(f, n)| {
                format!(
                    "{f:?} {n} ({:.1}%)",
                    100.0 * *n as f64 / self.files.max(1) as f64
                )
            })
            .collect();
        println!("formats: {}", formats.join(", "));
        let defects: Vec<String> = self
            .by_defect
            .iter()
            .map(|(d, n)| format!("{d:?} {n}"))
            .collect();
        println!("invalid by defect: {}", defects.join(", "));
    }
}
