//! The crate's layers depend downward only, and no module imports one that imports it back.
//!
//! Each top-level module of `src/` sits in a layer; a module may use its own layer's
//! modules only where the table allows it and any lower layer's freely. Paths are read from
//! the source (`crate::…` and `super::…`, outside comments and `#[cfg(test)]` modules),
//! resolved to the file of the module they name, and checked two ways: against the layers,
//! and for circles between files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// (module, layer, the same-layer modules it may use). Lower numbers are lower layers.
const LAYERS: &[(&str, u8, &[&str])] = &[
    ("order", 0, &[]),
    ("span", 0, &["order"]),
    ("utf16", 0, &["order", "span"]),
    ("spec", 0, &[]),
    ("http", 1, &[]),
    ("input", 2, &[]),
    ("bits", 2, &[]),
    ("rules", 3, &[]),
    ("report", 4, &[]),
    ("view", 5, &[]),
    ("compose", 5, &[]),
    ("inspect", 5, &[]),
    ("redact", 6, &["inspect"]),
    ("explain", 6, &[]),
    ("wasm", 7, &[]),
];

fn layer_of(module: &str) -> Option<(u8, &'static [&'static str])> {
    LAYERS.iter().find(|(name, _, _)| *name == module).map(|&(_, layer, peers)| (layer, peers))
}

/// Every `.rs` file under `dir`, but the binary's (an edge, which may use everything).
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().unwrap() != "bin" {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's module path: `src/rules/catalog.rs` → [rules, catalog], `src/http/mod.rs` → [http].
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let mut parts: Vec<String> =
        file.strip_prefix(src).unwrap().with_extension("").iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without its `#[cfg(test)]` module (tests may
/// drive the crate from above: a report test inspects). Re-exports count: a `mod.rs` that
/// re-exports its children holds no item they use, or they would import each other.
fn code_of(text: &str) -> String {
    let text = text.split("\nmod tests {").next().unwrap();
    text.lines().map(|line| line.split("//").next().unwrap()).collect::<Vec<_>>().join("\n")
}

/// The child modules a file declares (`mod x;`, `pub mod x;`), which its code names
/// without a prefix (`x::Y`).
fn children(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|line| {
            let line = line.trim();
            let line = line.strip_prefix("pub ").or_else(|| line.strip_prefix("pub(crate) ")).unwrap_or(line);
            line.strip_prefix("mod ")?.strip_suffix(';').map(str::to_string)
        })
        .collect()
}

/// The module paths a file's code names: `crate::a::b::C` → [a, b, C], `super::x` made
/// absolute from `from`, `child::x` for a child module it declares. Braced groups are read
/// one level deep (`crate::a::{b, c::D}`).
fn named_paths(code: &str, from: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut prefixes: Vec<(String, Vec<String>)> = vec![("crate::".to_string(), Vec::new()), {
        // `super` of a file module is its parent; a mod.rs file is its own directory.
        let mut base = from.to_vec();
        base.pop();
        ("super::".to_string(), base)
    }];
    for child in children(code) {
        prefixes.push((format!("{child}::"), from.iter().cloned().chain([child.clone()]).collect()));
    }
    let starts: Vec<(usize, &Vec<String>, usize)> = prefixes
        .iter()
        .flat_map(|(prefix, base)| code.match_indices(prefix.as_str()).map(move |(at, _)| (at, base, prefix.len())))
        .collect();
    for (at, base, skip) in starts {
        if at > 0 && code[..at].ends_with(|c: char| ident(c) || c == ':') {
            continue;
        }
        let (base, rest) = (base.clone(), &code[at + skip..]);
        let mut path = base;
        let mut rest = rest;
        loop {
            let end = rest.find(|c: char| !ident(c)).unwrap_or(rest.len());
            if end == 0 {
                break;
            }
            path.push(rest[..end].to_string());
            rest = &rest[end..];
            if let Some(next) = rest.strip_prefix("::") {
                rest = next;
            } else {
                break;
            }
        }
        if rest.starts_with('{') {
            let group = &rest[1..rest.find('}').unwrap_or(rest.len())];
            for item in group.split(',').filter(|item| !item.trim().is_empty()) {
                let mut full = path.clone();
                full.extend(
                    item.trim().split("::").map(|s| s.trim().to_string()).filter(|s| !s.is_empty() && s != "self"),
                );
                out.push(full);
            }
        } else {
            out.push(path);
        }
    }
    out
}

struct Crate {
    /// Module path of every file, e.g. "rules::catalog", and the paths it names.
    uses: BTreeMap<String, BTreeSet<String>>,
}

fn read_crate() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files.iter().map(|f| (module_path(&src, f), f.clone())).collect();
    let mut uses = BTreeMap::new();
    for (module, file) in &modules {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let mut targets = BTreeSet::new();
        for path in named_paths(&code, module) {
            // The longest prefix that is a file of the crate is the module used.
            if let Some(len) = (1..=path.len()).rev().find(|&n| modules.contains_key(&path[..n])) {
                let target = path[..len].to_vec();
                if &target != module {
                    targets.insert(target.join("::"));
                }
            }
        }
        uses.insert(module.join("::"), targets);
    }
    Crate { uses }
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap()
}

#[test]
fn every_module_is_placed_in_a_layer() {
    let krate = read_crate();
    assert!(krate.uses.len() > 30, "the crate's files are found ({})", krate.uses.len());
    let unplaced: BTreeSet<&str> =
        krate.uses.keys().map(|m| top(m)).filter(|t| !t.is_empty() && layer_of(t).is_none()).collect();
    assert!(unplaced.is_empty(), "modules in no layer of tests/layers.rs: {unplaced:?}");
}

#[test]
fn layers_depend_downward_only() {
    let krate = read_crate();
    let mut upward = Vec::new();
    for (module, targets) in &krate.uses {
        let Some((layer, peers)) = layer_of(top(module)) else { continue };
        for target in targets {
            let (from, to) = (top(module), top(target));
            if from == to {
                continue;
            }
            let Some((target_layer, _)) = layer_of(to) else { continue };
            if target_layer > layer || (target_layer == layer && !peers.contains(&to)) {
                upward.push(format!("{module} uses {target}"));
            }
        }
    }
    assert!(upward.is_empty(), "imports against the layers:\n  {}", upward.join("\n  "));
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let krate = read_crate();
    // Tarjan's strongly connected components over files; any with two or more is a circle.
    let names: Vec<&String> = krate.uses.keys().collect();
    let index_of: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    let edges: Vec<Vec<usize>> = names
        .iter()
        .map(|n| krate.uses[*n].iter().filter_map(|t| index_of.get(t.as_str()).copied()).collect())
        .collect();
    let circles = strongly_connected(&edges)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| c.iter().map(|&i| names[i].as_str()).collect::<Vec<_>>().join(" ↔ "))
        .collect::<Vec<_>>();
    assert!(circles.is_empty(), "import circles:\n  {}", circles.join("\n  "));
}

fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct State<'a> {
        edges: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in &s.edges[v] {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                _ => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut component = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            s.out.push(component);
        }
    }
    let n = edges.len();
    let mut s = State {
        edges,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.out
}

/// The checks above would pass on a crate they cannot read: these show they see imports.
#[test]
fn the_reader_sees_imports_of_every_form() {
    let from = vec!["rules".to_string(), "headers".to_string()];
    let code = code_of("mod part;\npub use part::{\n    Facade,\n};\nuse crate::bits::headers::{self, HeaderKey};\nuse super::table;\nuse part::Thing;\n// crate::report::X\nfn f() { crate::span::Span::new(0, 0); }\n#[cfg(test)]\nmod tests { use crate::inspect; }");
    let mut paths: Vec<String> = named_paths(&code, &from).into_iter().map(|p| p.join("::")).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "bits::headers",
            "bits::headers::HeaderKey",
            "rules::headers::part::Facade",
            "rules::headers::part::Thing",
            "rules::table",
            "span::Span::new"
        ]
    );
    let krate = read_crate();
    assert!(krate.uses["rules::headers"].contains("bits::headers"), "{:?}", krate.uses["rules::headers"]);
    assert!(krate.uses["report::model"].contains("rules::grade"));
    assert!(krate.uses["report"].contains("report::model"), "re-exports count");
}
