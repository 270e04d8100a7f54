//! The partial-call graph of a compiled template set: which template or inline
//! partial includes which. handlebars follows partials by recursion with no depth
//! limit, so a partial that includes itself (directly, through others, or as an
//! inline partial) overflows the stack at render time; this graph refuses such a set
//! before anything is rendered, and bounds how deep partials may nest.

use std::collections::{BTreeMap, BTreeSet};

use handlebars::template::{Parameter, Template, TemplateElement, TemplateMapping};

/// Most partials a render may be nested in at once (`a` includes `b` includes …).
pub const MAX_PARTIAL_DEPTH: usize = 32;

/// Where a partial is included: template (or inline partial) name and 1-based line
/// and column in its template's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The registered template whose text holds the call.
    pub template: String,
    /// The template or inline partial the call is made from.
    pub from: String,
    /// The partial it includes.
    pub partial: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Why a template set cannot be rendered safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartialProblem {
    /// The chain of calls comes back to where it started.
    Cycle(Vec<Call>),
    /// The chain of calls is longer than [`MAX_PARTIAL_DEPTH`].
    TooDeep(Vec<Call>),
    /// A partial's name is computed at render time, so it could name itself.
    Dynamic(Call),
}

/// An included partial's name as written, or `None` if it is computed.
fn static_name(name: &Parameter) -> Option<String> {
    match name {
        Parameter::Name(_) | Parameter::Path(_) => name.as_name().map(str::to_owned),
        Parameter::Literal(serde_json::Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// Graph node: a registered template, or an inline partial (`*inline "x"`), which
/// handlebars looks up by name before registered templates.
type Edges = BTreeMap<String, Vec<Call>>;

/// Collects the calls of `template` (registered as `owner`) into `edges`, under the
/// node `from`; inline partials become their own nodes.
fn collect(
    owner: &str,
    from: &str,
    template: &Template,
    edges: &mut Edges,
    dynamic: &mut Option<Call>,
) {
    for (index, element) in template.elements.iter().enumerate() {
        let (line, column) = template
            .mapping
            .get(index)
            .map_or((0, 0), |m: &TemplateMapping| (m.0, m.1));
        match element {
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                match static_name(&d.name) {
                    Some(partial) if partial == "@partial-block" => {}
                    Some(partial) => edges.entry(from.to_owned()).or_default().push(Call {
                        template: owner.to_owned(),
                        from: from.to_owned(),
                        partial,
                        line,
                        column,
                    }),
                    None => {
                        dynamic.get_or_insert(Call {
                            template: owner.to_owned(),
                            from: from.to_owned(),
                            partial: String::from("(computed)"),
                            line,
                            column,
                        });
                    }
                }
                if let Some(inner) = &d.template {
                    collect(owner, from, inner, edges, dynamic);
                }
            }
            TemplateElement::DecoratorBlock(d) | TemplateElement::DecoratorExpression(d) => {
                let inline = static_name(&d.name).is_some_and(|n| n == "inline");
                let name = d.params.first().and_then(static_name);
                match (inline, name, &d.template) {
                    (true, Some(name), Some(inner)) => {
                        edges.entry(name.clone()).or_default();
                        collect(owner, &name, inner, edges, dynamic);
                    }
                    (_, _, Some(inner)) => collect(owner, from, inner, edges, dynamic),
                    _ => {}
                }
            }
            TemplateElement::HelperBlock(h) => {
                for inner in [&h.template, &h.inverse].into_iter().flatten() {
                    collect(owner, from, inner, edges, dynamic);
                }
            }
            _ => {}
        }
    }
}

/// Checks the partial calls of every template: no cycle, no computed partial name,
/// no chain deeper than [`MAX_PARTIAL_DEPTH`]. Templates are visited in name order,
/// so the problem reported is the same on every run.
pub fn check<'a>(
    templates: impl IntoIterator<Item = (&'a str, &'a Template)>,
) -> Result<(), PartialProblem> {
    let mut edges = Edges::new();
    let mut dynamic = None;
    for (name, template) in templates {
        edges.entry(name.to_owned()).or_default();
        collect(name, name, template, &mut edges, &mut dynamic);
    }
    if let Some(call) = dynamic {
        return Err(PartialProblem::Dynamic(call));
    }
    // Longest chain from each node, by depth-first search with the path on a stack
    // (an explicit one: a hostile set must not overflow ours either).
    let mut depth: BTreeMap<&str, usize> = BTreeMap::new();
    for start in edges.keys() {
        if depth.contains_key(start.as_str()) {
            continue;
        }
        let mut path: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        let mut calls: Vec<&Call> = Vec::new();
        let mut on_path: BTreeSet<&str> = BTreeSet::from([start.as_str()]);
        while let Some((node, next)) = path.last_mut() {
            let out = edges.get(*node).map_or(&[][..], Vec::as_slice);
            if let Some(call) = out.get(*next) {
                *next += 1;
                // An unknown partial is handlebars' own render error, not a loop.
                let Some((target, _)) = edges.get_key_value(&call.partial) else {
                    continue;
                };
                let target = target.as_str();
                if on_path.contains(target) {
                    // `calls[i]` leads from `path[i]` to `path[i + 1]`.
                    let from = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let mut cycle: Vec<Call> = calls[from..].iter().map(|c| (*c).clone()).collect();
                    cycle.push(call.clone());
                    return Err(PartialProblem::Cycle(cycle));
                }
                if let Some(&d) = depth.get(target) {
                    if calls.len() + 1 + d > MAX_PARTIAL_DEPTH {
                        let mut chain: Vec<Call> = calls.iter().map(|c| (*c).clone()).collect();
                        chain.push(call.clone());
                        return Err(PartialProblem::TooDeep(chain));
                    }
                    continue;
                }
                calls.push(call);
                if calls.len() > MAX_PARTIAL_DEPTH {
                    return Err(PartialProblem::TooDeep(
                        calls.into_iter().cloned().collect(),
                    ));
                }
                on_path.insert(target);
                path.push((target, 0));
            } else {
                let below = out
                    .iter()
                    .filter_map(|c| depth.get(c.partial.as_str()).map(|d| d + 1))
                    .max()
                    .unwrap_or(0);
                let done = *node;
                depth.insert(done, below);
                on_path.remove(done);
                path.pop();
                calls.pop();
            }
        }
    }
    Ok(())
}
