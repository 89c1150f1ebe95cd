CREATE FUNCTION unit_headcounts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.active = 1 AND OLD.unit_id IS NOT NULL THEN
    UPDATE unit_headcounts SET active_people = active_people - 1 WHERE unit_id = OLD.unit_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.active = 1 AND NEW.unit_id IS NOT NULL THEN
    INSERT INTO unit_headcounts AS h (unit_id, instansi_id, active_people) VALUES (NEW.unit_id, NEW.instansi_id, 1)
    ON CONFLICT (unit_id) DO UPDATE SET active_people = h.active_people + 1;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER unit_headcounts_insert_delete AFTER INSERT OR DELETE ON asn
FOR EACH ROW EXECUTE FUNCTION unit_headcounts_follow();
CREATE TRIGGER unit_headcounts_update AFTER UPDATE OF unit_id, active ON asn
FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.active IS DISTINCT FROM NEW.active)
EXECUTE FUNCTION unit_headcounts_follow();

CREATE FUNCTION jp_unit_years_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.active = 1 AND OLD.unit_id IS NOT NULL THEN
    UPDATE jp_unit_years SET met = met - CASE WHEN OLD.jp_e2 >= 2000 THEN 1 ELSE 0 END, jp_e2 = jp_e2 - OLD.jp_e2
      WHERE unit_id = OLD.unit_id AND year = OLD.year;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.active = 1 AND NEW.unit_id IS NOT NULL THEN
    INSERT INTO jp_unit_years AS y (unit_id, year, instansi_id, met, jp_e2)
      VALUES (NEW.unit_id, NEW.year, NEW.instansi_id, CASE WHEN NEW.jp_e2 >= 2000 THEN 1 ELSE 0 END, NEW.jp_e2)
    ON CONFLICT (unit_id, year) DO UPDATE SET met = y.met + excluded.met, jp_e2 = y.jp_e2 + excluded.jp_e2;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER jp_unit_years_follow AFTER INSERT OR UPDATE OR DELETE ON jp_totals
FOR EACH ROW EXECUTE FUNCTION jp_unit_years_follow();
