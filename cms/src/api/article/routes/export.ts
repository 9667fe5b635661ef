import { exportRoute } from '../../../content-api/export-controller';

export default exportRoute('api::article.article', 'articles');
