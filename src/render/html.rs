//! HTML: the bundled printable agenda. minijinja autoescapes it, because the
//! template's name ends in `.html.j2`.

use minijinja::Environment;

use super::Bundled;

pub const TEMPLATE: Bundled = Bundled {
    name: "plan.html.j2",
    source: include_str!("../../templates/plan.html.j2"),
};

pub fn register(_env: &mut Environment<'_>) {}
