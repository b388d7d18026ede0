//! Server functions and SQL against a fresh PostgreSQL database per test.
//! One test binary: every extra one would link the whole app again.

mod common;

mod accounts;
mod admin_billing;
mod admin_plans;
mod admin_roles;
mod applications;
mod audit;
mod auto_apply;
mod billing;
mod bucket;
mod chat;
mod companies;
mod confidential;
mod data_rights;
mod email;
mod home;
mod hostile;
mod introductions;
mod job_board;
mod media;
mod metrics;
mod moderation;
mod notifications;
mod operator;
mod payments;
mod people;
mod plan_limits;
mod plus;
mod profile_sections;
mod profile_views;
mod profiles;
mod public_pages;
mod reference_data;
mod refunds;
mod roles;
mod second_factor;
mod security;
mod settings;
mod site;
mod swipe;
mod system_settings;
mod talent;
mod vacancies;
mod videos;
