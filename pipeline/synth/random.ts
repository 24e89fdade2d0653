// Seeded randomness inside DuckDB. Every draw is a pure function of (seed, entity key, salt),
// so the same seed gives the same state whatever the thread count or row order, and any
// single draw can be recomputed without the others.
export function randomMacros(seed: number): string {
  return `
    -- uniform on (0, 1): 53 bits of DuckDB's 64-bit hash
    create or replace macro u(k, salt) as
      ((hash(k, salt, ${seed}::bigint) >> 11)::double + 0.5) / 9007199254740992.0;
    -- standard normal (Box-Muller)
    create or replace macro zn(k, salt) as
      sqrt(-2 * ln(u(k, salt || '.a'))) * cos(2 * pi() * u(k, salt || '.b'));
    create or replace macro sigmoid(x) as 1 / (1 + exp(-(x)));
    -- Poisson draw by inverse CDF, capped at 4 (enough for ISP events in one school year)
    create or replace macro poisson4(lam, p) as
      case
        when p < exp(-lam) then 0
        when p < exp(-lam) * (1 + lam) then 1
        when p < exp(-lam) * (1 + lam + lam ^ 2 / 2) then 2
        when p < exp(-lam) * (1 + lam + lam ^ 2 / 2 + lam ^ 3 / 6) then 3
        else 4
      end;
    create or replace macro yyyymmdd(d) as strftime(d, '%Y%m%d');
    -- obviously synthetic name tokens, the same for a student in every file
    create or replace macro synthetic_first_name(k) as 'SYNFIRST' || lpad((hash(k, 'fn', ${seed}::bigint) % 100000)::varchar, 5, '0');
    create or replace macro synthetic_middle_name(k) as 'SYNMID' || chr(65 + (hash(k, 'mn', ${seed}::bigint) % 26)::int);
    create or replace macro synthetic_last_name(k) as 'SYNLAST' || lpad((hash(k, 'ln', ${seed}::bigint) % 100000)::varchar, 5, '0');
  `;
}
