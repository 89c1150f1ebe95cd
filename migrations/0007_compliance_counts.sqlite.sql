CREATE TRIGGER unit_headcounts_insert AFTER INSERT ON asn WHEN NEW.active = 1 AND NEW.unit_id IS NOT NULL
BEGIN
  INSERT INTO unit_headcounts (unit_id, instansi_id, active_people) VALUES (NEW.unit_id, NEW.instansi_id, 1)
  ON CONFLICT (unit_id) DO UPDATE SET active_people = unit_headcounts.active_people + 1;
END;
CREATE TRIGGER unit_headcounts_update AFTER UPDATE OF unit_id, active ON asn
WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.active IS NOT NEW.active
BEGIN
  UPDATE unit_headcounts SET active_people = active_people - 1 WHERE OLD.active = 1 AND unit_id = OLD.unit_id;
  INSERT INTO unit_headcounts (unit_id, instansi_id, active_people)
    SELECT NEW.unit_id, NEW.instansi_id, 1 WHERE NEW.active = 1 AND NEW.unit_id IS NOT NULL
  ON CONFLICT (unit_id) DO UPDATE SET active_people = unit_headcounts.active_people + 1;
END;
CREATE TRIGGER unit_headcounts_delete AFTER DELETE ON asn WHEN OLD.active = 1
BEGIN
  UPDATE unit_headcounts SET active_people = active_people - 1 WHERE unit_id = OLD.unit_id;
END;

CREATE TRIGGER jp_unit_years_insert AFTER INSERT ON jp_totals WHEN NEW.active = 1 AND NEW.unit_id IS NOT NULL
BEGIN
  INSERT INTO jp_unit_years (unit_id, year, instansi_id, met, jp_e2)
    VALUES (NEW.unit_id, NEW.year, NEW.instansi_id, NEW.jp_e2 >= 2000, NEW.jp_e2)
  ON CONFLICT (unit_id, year) DO UPDATE SET met = jp_unit_years.met + excluded.met,
                                            jp_e2 = jp_unit_years.jp_e2 + excluded.jp_e2;
END;
CREATE TRIGGER jp_unit_years_update AFTER UPDATE ON jp_totals
BEGIN
  UPDATE jp_unit_years SET met = met - (OLD.jp_e2 >= 2000), jp_e2 = jp_e2 - OLD.jp_e2
    WHERE OLD.active = 1 AND unit_id = OLD.unit_id AND year = OLD.year;
  INSERT INTO jp_unit_years (unit_id, year, instansi_id, met, jp_e2)
    SELECT NEW.unit_id, NEW.year, NEW.instansi_id, NEW.jp_e2 >= 2000, NEW.jp_e2
    WHERE NEW.active = 1 AND NEW.unit_id IS NOT NULL
  ON CONFLICT (unit_id, year) DO UPDATE SET met = jp_unit_years.met + excluded.met,
                                            jp_e2 = jp_unit_years.jp_e2 + excluded.jp_e2;
END;
CREATE TRIGGER jp_unit_years_delete AFTER DELETE ON jp_totals WHEN OLD.active = 1
BEGIN
  UPDATE jp_unit_years SET met = met - (OLD.jp_e2 >= 2000), jp_e2 = jp_e2 - OLD.jp_e2
    WHERE unit_id = OLD.unit_id AND year = OLD.year;
END;
