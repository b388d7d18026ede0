//! Reference data loaded by the migrations: industries and the skills taxonomy.

use sqlx::PgPool;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_fifteen_industries_of_the_seed_are_there_in_order(pool: PgPool) {
    let names: Vec<String> = sqlx::query_scalar("select name from industries order by sort_order")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(names.len(), 15);
    assert_eq!(
        names.first().map(String::as_str),
        Some("Financial Services")
    );
    assert_eq!(names.last().map(String::as_str), Some("Energy & Utilities"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_skills_taxonomy_covers_the_seed_and_has_synonyms(pool: PgPool) {
    let count: i64 = sqlx::query_scalar("select count(*) from skills")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(count >= 200, "at least 200 skills, found {count}");

    for seed_skill in [
        "Strategic Planning",
        "Change Management",
        "Team Leadership",
        "Project Management",
        "Data Analysis",
        "Python",
        "SQL",
        "Cloud Computing",
        "Financial Analysis",
        "Business Development",
        "Sales Strategy",
        "Marketing Strategy",
        "Risk Management",
        "Compliance",
        "Operations Management",
        "Supply Chain",
    ] {
        let found: bool = sqlx::query_scalar("select exists(select 1 from skills where name = $1)")
            .bind(seed_skill)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(found, "{seed_skill} is missing");
    }

    // What people type finds the standard name.
    for (typed, standard) in [
        ("k8s", "Kubernetes"),
        ("golang", "Go"),
        ("recruiting", "Talent Acquisition"),
    ] {
        let name: String = sqlx::query_scalar("select name from skills where $1 = any(synonyms)")
            .bind(typed)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(name, standard);
    }

    let categories: i64 = sqlx::query_scalar("select count(distinct category) from skills")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(categories >= 5);
    let duplicate = sqlx::query(
        "insert into skills (name, slug, category) values ('PYTHON', 'python-2', 'Technical')",
    )
    .execute(&pool)
    .await;
    assert!(duplicate.is_err(), "names are unique whatever their case");
}
