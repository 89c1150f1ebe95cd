-- Counts per unit that the compliance view reads instead of counting people: active
-- people per unit, and per unit and year the people who met the 20-JP right and their
-- JP. Triggers (per backend) keep them in the transaction that changes a person or
-- their yearly total, so an instansi of 300,000 people reads a few rows per unit.
CREATE TABLE unit_headcounts (
  unit_id BIGINT PRIMARY KEY,
  instansi_id BIGINT NOT NULL,
  active_people BIGINT NOT NULL
);
CREATE INDEX unit_headcounts_instansi ON unit_headcounts(instansi_id, unit_id);

CREATE TABLE jp_unit_years (
  unit_id BIGINT NOT NULL,
  year SMALLINT NOT NULL,
  instansi_id BIGINT NOT NULL,
  met BIGINT NOT NULL,    -- active people with at least 20 JP (2000 hundredths) that year
  jp_e2 BIGINT NOT NULL,  -- their JP together, in hundredths
  PRIMARY KEY (unit_id, year)
);
CREATE INDEX jp_unit_years_instansi ON jp_unit_years(instansi_id, year, unit_id);

INSERT INTO unit_headcounts (unit_id, instansi_id, active_people)
  SELECT unit_id, MIN(instansi_id), COUNT(*) FROM asn WHERE active = 1 AND unit_id IS NOT NULL GROUP BY unit_id;
INSERT INTO jp_unit_years (unit_id, year, instansi_id, met, jp_e2)
  SELECT unit_id, year, MIN(instansi_id), SUM(CASE WHEN jp_e2 >= 2000 THEN 1 ELSE 0 END), SUM(jp_e2)
  FROM jp_totals WHERE active = 1 AND unit_id IS NOT NULL GROUP BY unit_id, year;
