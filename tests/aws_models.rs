//! The schema table's limits against AWS's own models in `data/aws/`
//! (botocore's SSM and IAM shapes, copied unmodified). Any drift between our
//! table and AWS's models fails here.

use mwc::schema::{self, Field, Header, Limits, Shape, Type};
use serde_json::Value;
use std::path::Path;

fn load(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/aws")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Models {
    ssm: Value,
    iam: Value,
}

impl Models {
    fn shape(&self, shape: Shape) -> &Value {
        let (model, name) = match shape {
            Shape::Ssm(n) => (&self.ssm, n),
            Shape::Iam(n) => (&self.iam, n),
        };
        let found = &model[name];
        assert!(!found.is_null(), "no shape {shape:?} in AWS's model");
        found
    }
}

fn bounds(shape: &Value) -> (Option<i64>, Option<i64>) {
    (shape["min"].as_i64(), shape["max"].as_i64())
}

/// Compares one field's limits with the shapes they name; returns problems.
fn compare(models: &Models, what: &str, ty: Option<Type>, limits: &Limits) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(shape_name) = limits.shape {
        let shape = models.shape(shape_name);
        let (min, max) = bounds(shape);
        match shape["type"].as_str() {
            Some(kind @ ("string" | "blob")) => {
                if limits.bytes != (kind == "blob") {
                    problems.push(format!(
                        "{what}: a {kind} is measured in {}",
                        if kind == "blob" {
                            "bytes"
                        } else {
                            "characters"
                        }
                    ));
                }
                if let Some((lo, hi)) = limits.len {
                    if Some(i64::from(lo)) != min.or(Some(0)) || Some(i64::from(hi)) != max {
                        problems.push(format!(
                            "{what}: length {lo}..{hi} but {shape_name:?} says {min:?}..{max:?}"
                        ));
                    }
                } else if (min.is_some() || max.is_some()) && shape["enum"].is_null() {
                    problems.push(format!(
                        "{what}: no length limit but {shape_name:?} has {min:?}..{max:?}"
                    ));
                }
                let pattern = shape["pattern"].as_str();
                let ours_is_stricter = !matches!(
                    ty,
                    Some(Type::Str | Type::Name | Type::Version | Type::RateControl)
                ) || pattern.is_none();
                if pattern.is_some() && limits.pattern != pattern {
                    problems.push(format!(
                        "{what}: pattern {:?} but {shape_name:?} says {pattern:?}",
                        limits.pattern
                    ));
                } else if pattern.is_none() && limits.pattern.is_some() && !ours_is_stricter {
                    problems.push(format!("{what}: pattern where {shape_name:?} has none"));
                }
                if let Some(values) = shape["enum"].as_array() {
                    let theirs: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
                    match ty {
                        Some(Type::Enum(ours) | Type::EnumList(ours))
                            if ours == theirs.as_slice() => {}
                        _ => problems.push(format!(
                            "{what}: choices differ from {shape_name:?} {theirs:?}"
                        )),
                    }
                }
            }
            Some("integer") => {
                let (lo, hi) = limits.range.unwrap_or((i64::MIN, i64::MAX));
                if (Some(lo), Some(hi)) != (min.or(Some(i64::MIN)), max.or(Some(i64::MAX))) {
                    problems.push(format!(
                        "{what}: range {lo}..{hi} but {shape_name:?} says {min:?}..{max:?}"
                    ));
                }
            }
            other => problems.push(format!("{what}: unexpected shape type {other:?}")),
        }
    }
    if let Some(shape_name) = limits.items_shape {
        let shape = models.shape(shape_name);
        let (min, max) = bounds(shape);
        // mwc may demand more items than the model's minimum (an empty
        // selection selects nothing), never accept more than its maximum.
        let (lo, hi) = limits.items.unwrap_or((0, u32::MAX));
        if i64::from(lo) < min.unwrap_or(0) || Some(i64::from(hi)) != max {
            problems.push(format!(
                "{what}: {lo}..{hi} items but {shape_name:?} says {min:?}..{max:?}"
            ));
        }
    }
    problems
}

fn walk(
    models: &Models,
    owner: &str,
    fields: &[Field],
    problems: &mut Vec<String>,
    count: &mut usize,
) {
    for field in fields {
        let what = format!("{owner}.{}", field.name);
        if field.limits.shape.is_some() || field.limits.items_shape.is_some() {
            *count += 1;
        }
        problems.extend(compare(models, &what, Some(field.ty), &field.limits));
        match field.ty {
            Type::Record(inner) => walk(models, &what, inner, problems, count),
            Type::Tags(rules) => {
                problems.extend(compare(models, &format!("{what} key"), None, &rules.key));
                problems.extend(compare(
                    models,
                    &format!("{what} value"),
                    None,
                    &rules.value,
                ));
                *count += 2;
            }
            Type::Params(rules) => {
                problems.extend(compare(models, &format!("{what} name"), None, &rules.key));
                problems.extend(compare(
                    models,
                    &format!("{what} value"),
                    None,
                    &rules.value,
                ));
            }
            _ => {}
        }
    }
}

#[test]
fn schema_limits_agree_with_aws_models() {
    let models = Models {
        ssm: load("ssm-maintenance-window-shapes.json"),
        iam: load("iam-shapes.json"),
    };
    let mut problems = Vec::new();
    let mut count = 0;
    walk(
        &models,
        "file",
        schema::TOP.fields,
        &mut problems,
        &mut count,
    );
    for block in schema::ALL_BLOCKS {
        walk(
            &models,
            block.name(),
            block.fields,
            &mut problems,
            &mut count,
        );
        if let Header::Label { limits, what, .. } = block.header {
            problems.extend(compare(
                &models,
                &format!("{} {what}", block.kind),
                None,
                &limits,
            ));
            count += 1;
        }
    }
    for (name, limits) in [
        ("SSM_NAME", schema::SSM_NAME),
        ("IAM_ROLE_NAME", schema::IAM_ROLE_NAME),
        ("TARGET_KEY", schema::TARGET_KEY),
        ("TARGET_VALUES", schema::TARGET_VALUES),
        ("TARGETS", schema::TARGETS),
    ] {
        problems.extend(compare(&models, name, None, &limits));
        count += 1;
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    assert!(count >= 40, "only {count} limits are tied to AWS's models");
}

#[test]
fn every_pattern_in_the_table_compiles() {
    fn patterns_of(fields: &[Field], out: &mut Vec<&'static str>) {
        for f in fields {
            out.extend(f.limits.pattern);
            if let Type::Record(inner) = f.ty {
                patterns_of(inner, out);
            }
            if let Type::Tags(rules) = f.ty {
                out.extend(rules.key.pattern);
                out.extend(rules.value.pattern);
            }
        }
    }
    let mut all = Vec::new();
    patterns_of(schema::TOP.fields, &mut all);
    for block in schema::ALL_BLOCKS {
        patterns_of(block.fields, &mut all);
        if let Header::Label { limits, .. } = block.header {
            all.extend(limits.pattern);
        }
    }
    all.extend([
        schema::INSTANCE_ID,
        schema::ROLE_ARN,
        schema::TARGET_KEY.pattern.unwrap_or(""),
    ]);
    for p in all {
        assert!(mwc::patterns::compiles(p), "pattern does not compile: {p}");
    }
}

#[test]
fn cloudformation_schemas_agree_on_names_and_ranges() {
    let window = load("cfn/AWS-SSM-MaintenanceWindow.json");
    let props = &window["properties"];
    assert_eq!(props["Name"]["pattern"].as_str(), schema::SSM_NAME.pattern);
    assert_eq!(props["Duration"]["maximum"].as_i64(), Some(24));
    assert_eq!(props["Cutoff"]["maximum"].as_i64(), Some(23));
    assert_eq!(props["ScheduleOffset"]["maximum"].as_i64(), Some(6));
    let target = load("cfn/AWS-SSM-MaintenanceWindowTarget.json");
    assert_eq!(
        target["properties"]["Targets"]["maxItems"].as_i64(),
        Some(5)
    );
    assert_eq!(
        target["definitions"]["Targets"]["properties"]["Values"]["maxItems"].as_i64(),
        Some(50)
    );
    let role = load("cfn/AWS-IAM-Role.json");
    assert_eq!(
        role["properties"]["ManagedPolicyArns"]["items"]["pattern"].as_str(),
        Some(schema::POLICY_ARN)
    );
}
