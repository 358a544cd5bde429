//! `csweek ideas`: filters, JSON and colour.

use serde::Deserialize;

use crate::test::Test;

#[derive(Deserialize)]
struct Idea {
    id: String,
    title: String,
    summary: String,
    category: String,
    modes: Vec<String>,
    days: Vec<String>,
    cost: Cost,
}

#[derive(Deserialize)]
struct Cost {
    fixed: String,
    per_person: String,
}

fn ideas(args: &[&str]) -> Vec<Idea> {
    let mut all = vec!["ideas", "--json"];
    all.extend_from_slice(args);
    let out = Test::new().args(&all).run().status(0).stderr("");
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn filters_narrow_the_list() {
    let every = ideas(&[]);
    let food_remote = ideas(&["--category", "food", "--mode", "remote"]);
    assert!(!food_remote.is_empty() && food_remote.len() < every.len());
    assert!(
        food_remote
            .iter()
            .all(|i| i.category == "food" && i.modes.iter().any(|m| m == "remote"))
    );

    let two = ideas(&["--category", "food", "--category", "fun"]);
    assert!(
        two.iter()
            .all(|i| i.category == "food" || i.category == "fun")
    );
    assert!(two.iter().any(|i| i.category == "fun"));

    let wednesday = ideas(&["--day", "wed"]);
    assert!(
        wednesday
            .iter()
            .all(|i| i.days.is_empty() || i.days.iter().any(|d| d == "wed"))
    );
    assert!(wednesday.len() < every.len());

    let cheap = ideas(&["--max-cost", "100", "--team-size", "20"]);
    let cents = |m: &str| m.replace('.', "").parse::<i64>().unwrap();
    assert!(
        cheap
            .iter()
            .all(|i| cents(&i.cost.fixed) + 20 * cents(&i.cost.per_person) <= 10_000)
    );
    assert!(
        cheap.iter().any(|i| cents(&i.cost.fixed) > 0),
        "not only free ideas"
    );

    let lunch = ideas(&["--search", "LUNCH"]);
    assert!(lunch.iter().all(|i| {
        [&i.id, &i.title, &i.summary]
            .iter()
            .any(|f| f.to_lowercase().contains("lunch"))
    }));
    assert!(lunch.iter().any(|i| i.id == "catered-lunch"));
}

#[test]
fn an_unknown_filter_value_is_refused_with_a_hint() {
    let out = Test::new()
        .args(&["ideas", "--category", "fod"])
        .run()
        .status(2)
        .stdout("");
    assert!(
        out.stderr.starts_with(
            "error: invalid value 'fod' for '--category <CATEGORY>': unknown value `fod`, expected `kickoff`, \
             `recognition`, `food`, `fun`, `customers`, `learning`, `leadership`, `community` or `reflection`; \
             did you mean `food`?\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn the_table_is_coloured_only_when_asked_or_on_a_terminal() {
    let plain = Test::new()
        .args(&["ideas", "--category", "food"])
        .run()
        .status(0);
    assert!(!plain.stdout.contains('\u{1b}'), "a pipe gets no colour");
    assert!(plain.stdout.starts_with("ID  "));
    assert!(plain.stdout.lines().skip(1).all(|l| l.contains(" food ")));
    let coloured = Test::new()
        .args(&["ideas", "--category", "food", "--color", "always"])
        .run()
        .status(0);
    assert!(coloured.stdout.contains("\u{1b}[36mfood"));
    let never = Test::new()
        .args(&["ideas", "--color", "never"])
        .run()
        .status(0);
    assert!(!never.stdout.contains('\u{1b}'));
}

#[test]
fn a_house_ideas_lead_time_defaults_to_its_earliest_prep_step() {
    let out = crate::test::Test::new()
        .file(
            "house/a.toml",
            "[[idea]]\nid = \"bbq\"\ntitle = \"Barbecue\"\ncategory = \"food\"\nduration_minutes = 60\nprep = [\n  { days_before = 10, task = \"Book the grill\" },\n  { days_before = 3, task = \"Order food\" },\n]\n",
        )
        .args(&["ideas", "--ideas", "house", "show", "bbq"])
        .run()
        .status(0);
    assert!(
        out.stdout.contains("lead time:  10 days\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn one_day_is_one_day() {
    let out = crate::test::Test::new()
        .file(
            "house/a.toml",
            "[[idea]]\nid = \"cake\"\ntitle = \"Cake\"\ncategory = \"food\"\nduration_minutes = 30\nprep = [{ days_before = 1, task = \"Order the cake\" }]\n",
        )
        .args(&["ideas", "--ideas", "house", "show", "cake"])
        .run()
        .status(0);
    assert!(
        out.stdout.contains("lead time:  1 day\n")
            && out
                .stdout
                .contains("prep:       1 day before: Order the cake\n"),
        "{}",
        out.stdout
    );
}

/// `n` house ideas, `big-0` to `big-{n-1}`, in one catalog file's text.
fn many_ideas(n: usize) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    for i in 0..n {
        let _ = write!(
            text,
            "[[idea]]\nid = \"big-{i}\"\ntitle = \"Big idea number {i}\"\nsummary = \"A house idea to make the file large, number {i} of {n}.\"\ncategory = \"fun\"\nduration_minutes = 30\ncost = {{ fixed = 10, per_person = 1 }}\n\n"
        );
    }
    text
}

#[test]
fn a_large_idea_file_is_read_whole() {
    // Over a megabyte: read a part at a time.
    let text = many_ideas(6000);
    assert!(text.len() > 1 << 20);
    let out = crate::test::Test::new()
        .file("house/big.toml", &text)
        .args(&["ideas", "--ideas", "house", "--json", "--search", "big-"])
        .run()
        .status(0);
    let ideas: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(ideas.len(), 6000);
    assert_eq!(ideas[5999]["id"], "big-5999");
}

#[test]
fn a_mistake_deep_in_a_large_idea_file_is_at_its_true_line() {
    let mut text = many_ideas(6000);
    let at = text.find("id = \"big-4321\"").unwrap();
    text.insert_str(at, "colour = \"red\"\n");
    let line = text[..at].matches('\n').count() + 1;
    crate::test::Test::new()
        .file("house/big.toml", &text)
        .args(&["ideas", "--ideas", "house"])
        .run()
        .status(2)
        .stdout("")
        .stderr(&format!(
            "error: house/big.toml:{line}:1: unknown key `colour`; expected one of `id`, `title`, `summary`, `category`, `days`, `cost`, `duration_minutes`, `modes`, `audience`, `lead_time_days`, `prep`, `off_queue`, `source`, `time`, `group_size`, `all_day` or `together`
{pad} |
{line} | colour = \"red\"
{pad} | ^^^^^^
",
            pad = " ".repeat(line.to_string().len())
        ));
}

#[test]
fn a_mistake_megabytes_into_an_idea_file_is_at_its_true_line() {
    // Past the first few megabytes, which are read and added before the
    // mistake is found: they are taken back, and the file read whole.
    let mut text = many_ideas(30_000);
    assert!(text.len() > 5 << 20);
    let at = text.rfind("[[idea]]").unwrap();
    text.insert_str(at, "[[idea]]\nid = \"big-7\"\ntitle = \"Again\"\ncategory = \"fun\"\nduration_minutes = 30\n\n");
    let line = text[..at].matches('\n').count() + 1;
    crate::test::Test::new()
        .file("house/big.toml", &text)
        .args(&["ideas", "--ideas", "house"])
        .run()
        .status(2)
        .stdout("")
        .stderr(&format!(
            "error: house/big.toml:{line}:1: duplicate idea id `big-7`: house/big.toml already defines it
{pad} |
{line} | [[idea]]
{pad} | ^^^^^^^^
",
            pad = " ".repeat(line.to_string().len())
        ));
}

#[test]
fn a_large_idea_file_in_any_form_of_toml_is_read_alike() {
    // Multi-line strings, dotted keys, tables of their own and Windows line
    // ends, which the fast way leaves to the thorough one, part by part.
    let text = many_ideas(6000)
        .replacen(
            "summary = \"A house idea to make the file large, number 10 of 6000.\"",
            "summary = \"\"\"\nA house idea\nover lines.\"\"\"",
            1,
        )
        .replacen(
            "cost = { fixed = 10, per_person = 1 }\n\n[[idea]]\nid = \"big-2000\"",
            "cost.fixed = 10\ncost.per_person = 1\n\n[[idea]]\nid = \"big-2000\"",
            1,
        )
        .replacen(
            "cost = { fixed = 10, per_person = 1 }\n\n[[idea]]\nid = \"big-4000\"",
            "[idea.cost]\nfixed = 10\nper_person = 1\n\n[[idea]]\nid = \"big-4000\"",
            1,
        )
        .replace('\n', "\r\n");
    let out = crate::test::Test::new()
        .file("house/big.toml", &text)
        .args(&["ideas", "--ideas", "house", "--json", "--search", "big-"])
        .run()
        .status(0);
    let ideas: Vec<Idea> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(ideas.len(), 6000);
    assert!(
        ideas[10].summary.starts_with("A house idea"),
        "{}",
        ideas[10].summary
    );
    assert!(
        ideas[10].summary.ends_with("\nover lines."),
        "{}",
        ideas[10].summary
    );
    for n in [1999, 3999] {
        assert_eq!(ideas[n].cost.fixed, "10.00", "{}", ideas[n].id);
        assert_eq!(ideas[n].cost.per_person, "1.00", "{}", ideas[n].id);
    }
}

#[test]
fn filters_belong_to_the_list_not_to_show() {
    let help = crate::test::Test::new()
        .args(&["ideas", "show", "--help"])
        .run()
        .status(0);
    for option in [
        "--category",
        "--mode",
        "--day",
        "--max-cost",
        "--search",
        "--color",
    ] {
        assert!(!help.stdout.contains(option), "show offers {option}");
    }
    crate::test::Test::new()
        .args(&["ideas", "show", "raffle", "--category", "food"])
        .run()
        .status(2);
    // Before or after `list`, filters filter.
    let after = ideas(&["list", "--category", "food"]);
    let before = ideas(&["--category", "food"]);
    assert!(!after.is_empty());
    assert_eq!(after.len(), before.len());
}

#[test]
fn nothing_matching_says_so() {
    crate::test::Test::new()
        .args(&["ideas", "--search", "zzzz"])
        .run()
        .status(0)
        .stdout("")
        .stderr("note: no idea matches; `csweek ideas` lists them all\n");
}

#[test]
fn an_unknown_id_suggests_ids_that_hold_it() {
    crate::test::Test::new()
        .args(&["ideas", "show", "lunch"])
        .run()
        .status(2)
        .stdout("")
        .stderr("error: no idea has the id `lunch`; did you mean `catered-lunch`, `lunch-and-learn`, `virtual-lunch`?\n");
}
