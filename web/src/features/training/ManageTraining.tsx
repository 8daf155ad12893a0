import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, FormError, useLoad } from '../../shared/ui';
import { pick } from '../../shared/format';
import { listCategories, type Category } from '../catalog/api';
import { addCourse, addExam, addQuestion, listCourses, listExams, type Course, type Exam, type NewCourse, type NewExam } from './api';

// The forms send what was typed (an unchosen course goes without one): the server names what is missing.
import { ChoiceField, Saved, TextField, useSubmit } from './form-fields';
import { titleOf } from './titles';

export /** A course, an exam for it, a question for an exam: the least a manager needs to run training. */
function ManageTraining() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [categories, courses, exams] = await Promise.all([listCategories(), listCourses(), listExams()]);
    return { categories: categories.items, courses: courses.items, exams: exams.items };
  }, []);
  return (
    <section className="card" aria-labelledby="manage-title">
      <h2 id="manage-title">{t('training.manage')}</h2>
      <Async state={state}>
        {(d) => (
          <div className="grid3">
            <NewCourse categories={d.categories} onDone={state.reload} />
            <NewExam courses={d.courses} onDone={state.reload} />
            <NewQuestion exams={d.exams} onDone={state.reload} />
          </div>
        )}
      </Async>
    </section>
  );
}

function NewCourse({ categories, onDone }: { categories: Category[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ code: '', categoryId: '', certificationCode: '', titleZh: '', titleEn: '', validityMonths: '24' });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { errors, saved, submit } = useSubmit(() => addCourse({ ...v, categoryId: v.categoryId || undefined, validityMonths: Number(v.validityMonths) } as NewCourse), onDone);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-course">
      <h3 id="new-course">{t('training.newCourse')}</h3>
      <TextField name="code" label={t('training.code')} value={v.code} errors={errors} onChange={set('code')} />
      <ChoiceField label={t('training.category')} error={errors.fieldError('categoryId')} value={v.categoryId} onChange={set('categoryId')} choices={categories.map((c) => ({ id: c.id, label: pick({ zh: c.nameZh, en: c.nameEn }) }))} />
      <TextField name="certificationCode" label={t('training.certificationCode')} value={v.certificationCode} errors={errors} onChange={set('certificationCode')} />
      <TextField name="titleZh" label={t('training.titleZh')} value={v.titleZh} errors={errors} onChange={set('titleZh')} />
      <TextField name="titleEn" label={t('training.titleEn')} value={v.titleEn} errors={errors} onChange={set('titleEn')} />
      <TextField name="validityMonths" label={t('training.validityMonths')} value={v.validityMonths} errors={errors} onChange={set('validityMonths')} />
      <FormError message={errors.formError()} />
      <Saved saved={saved} />
      <button type="submit" className="primary">{t('training.createCourse')}</button>
    </form>
  );
}

function NewExam({ courses, onDone }: { courses: Course[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ courseId: '', titleZh: '', titleEn: '', questionsPerPaper: '3', timeLimitMinutes: '20', passPercent: '60' });
  const set = (k: keyof typeof v) => (x: string) => setV((s) => ({ ...s, [k]: x }));
  const { errors, saved, submit } = useSubmit(
    () => addExam({ ...v, courseId: v.courseId || undefined, questionsPerPaper: Number(v.questionsPerPaper), timeLimitMinutes: Number(v.timeLimitMinutes), passPercent: Number(v.passPercent) } as NewExam),
    onDone,
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-exam">
      <h3 id="new-exam">{t('training.newExam')}</h3>
      <ChoiceField label={t('training.course')} error={errors.fieldError('courseId')} value={v.courseId} onChange={set('courseId')} choices={courses.map((c) => ({ id: c.id, label: titleOf(c) }))} />
      <TextField name="titleZh" label={t('training.titleZh')} value={v.titleZh} errors={errors} onChange={set('titleZh')} />
      <TextField name="titleEn" label={t('training.titleEn')} value={v.titleEn} errors={errors} onChange={set('titleEn')} />
      <TextField name="questionsPerPaper" label={t('training.questionsPerPaper')} value={v.questionsPerPaper} errors={errors} onChange={set('questionsPerPaper')} />
      <TextField name="timeLimitMinutes" label={t('training.timeLimit')} value={v.timeLimitMinutes} errors={errors} onChange={set('timeLimitMinutes')} />
      <TextField name="passPercent" label={t('training.passPercent')} value={v.passPercent} errors={errors} onChange={set('passPercent')} />
      <FormError message={errors.formError()} />
      <Saved saved={saved} />
      <button type="submit" className="primary">{t('training.createExam')}</button>
    </form>
  );
}

function NewQuestion({ exams, onDone }: { exams: Exam[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [examId, setExamId] = useState('');
  const [examMissing, setExamMissing] = useState(false);
  const [text, setText] = useState({ textZh: '', textEn: '' });
  const [options, setOptions] = useState([{ zh: '', en: '' }, { zh: '', en: '' }, { zh: '', en: '' }]);
  const [correct, setCorrect] = useState<number[]>([]);
  const filled = options.filter((o) => o.zh.trim() || o.en.trim());
  const { errors, saved, submit } = useSubmit(
    () => addQuestion(examId, { ...text, options: filled, correct: correct.filter((i) => i < filled.length) }),
    () => {
      setText({ textZh: '', textEn: '' });
      setOptions([{ zh: '', en: '' }, { zh: '', en: '' }, { zh: '', en: '' }]);
      setCorrect([]);
      onDone();
    },
  );
  return (
    <form
      onSubmit={(e) => {
        setExamMissing(!examId);
        if (examId) return submit(e);
        e.preventDefault();
      }}
      noValidate
      aria-labelledby="new-question"
    >
      <h3 id="new-question">{t('training.newQuestion')}</h3>
      <ChoiceField label={t('training.exam')} error={examMissing ? t('training.chooseExam') : undefined} value={examId} onChange={setExamId} choices={exams.map((e) => ({ id: e.id, label: `${titleOf(e)} (${t('training.inBank', { count: e.questionsInBank })})` }))} />
      <TextField name="textZh" label={t('training.textZh')} value={text.textZh} errors={errors} onChange={(x) => setText((s) => ({ ...s, textZh: x }))} />
      <TextField name="textEn" label={t('training.textEn')} value={text.textEn} errors={errors} onChange={(x) => setText((s) => ({ ...s, textEn: x }))} />
      {options.map((o, i) => (
        <fieldset key={i} className="option">
          <legend>{t('training.option', { n: i + 1 })}</legend>
          <TextField name={`options.${i}.zh`} label={t('training.optionZh')} value={o.zh} errors={errors} required={i < 2} onChange={(x) => setOptions((s) => s.map((y, k) => (k === i ? { ...y, zh: x } : y)))} />
          <TextField name={`options.${i}.en`} label={t('training.optionEn')} value={o.en} errors={errors} required={i < 2} onChange={(x) => setOptions((s) => s.map((y, k) => (k === i ? { ...y, en: x } : y)))} />
          <label className="check">
            <input type="checkbox" checked={correct.includes(i)} onChange={(e) => setCorrect((s) => (e.target.checked ? [...s, i] : s.filter((k) => k !== i)))} /> {t('training.correct')}
          </label>
        </fieldset>
      ))}
      {errors.fieldError('correct') && (
        <p className="field-error" role="alert">
          {t('training.correct')}: {errors.fieldError('correct')}
        </p>
      )}
      <FormError message={errors.formError()} />
      <Saved saved={saved} />
      <button type="submit" className="primary">{t('training.addQuestion')}</button>
    </form>
  );
}
