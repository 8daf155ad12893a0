import { useTranslation } from 'react-i18next';
import { useSession } from '../../shared/session';
import { MyCertifications, TechnicianCertifications } from './Certifications';
import { CoursesAndExams } from './Courses';
import { ManageTraining } from './ManageTraining';
import { MyResults } from './Results';

/**
 * Training: a technician's courses, exams, results and certifications; for those who look after
 * technicians, everyone's certifications and who runs out soon; for managers, courses, exams and
 * questions.
 */
export function TrainingPage() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  const isTechnician = me?.user?.role === 'technician';
  return (
    <section aria-labelledby="training-title">
      <h1 id="training-title">{t('training.title')}</h1>
      {isTechnician && <MyCertifications />}
      <CoursesAndExams canTake={can('training.take') && isTechnician} />
      {isTechnician && <MyResults />}
      {can('training.manage') && <ManageTraining />}
      {!isTechnician && <TechnicianCertifications />}
    </section>
  );
}
